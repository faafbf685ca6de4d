import {
  compareReports,
  engineReplayer,
  simulate,
  type CompiledPolicy,
  type ComparisonReport,
  type Episode,
  type ReplayedEpisode,
  type ResponseModel,
  type SimulationReport,
} from '@dun/engine'
import { FunnelCounter, type Funnel } from './funnel'
import { memorySource, type DatasetPayload } from './memory-source'

/** A policy version to simulate, named for people ("saas-cards v3"). */
export interface PolicyChoice {
  readonly label: string
  readonly compiled: CompiledPolicy
}

/** One invoice some policy acted on: a row of the click-through list. */
export interface SimulatedInvoice {
  readonly invoiceId: string
  readonly customerId: string
  readonly currency: string
  readonly amountDue: number
  /** Actions performed on it, per policy (in the order the policies were given). */
  readonly actions: readonly number[]
}

export interface SimulationResult {
  readonly labels: readonly string[]
  readonly reports: readonly SimulationReport[]
  /** The second policy against the first; null with one policy. */
  readonly comparison: ComparisonReport | null
  readonly funnels: readonly Funnel[]
  /** Invoices acted on by at least one policy, most actions first. */
  readonly invoices: readonly SimulatedInvoice[]
}

export interface SimulationRun {
  readonly result: SimulationResult
  /** Each policy's episodes by invoice id: what the simulator replayed, to replay again. */
  readonly episodes: readonly ReadonlyMap<string, Episode>[]
}

/**
 * Simulates one or two policies on a dataset with the engine's simulator — the same replay
 * the runner's decisions are held equal to — and gathers what the charts need beyond the
 * report: the funnel and the invoices to click through to.
 */
export async function runSimulation(
  data: DatasetPayload,
  policies: readonly PolicyChoice[],
  responseModel: ResponseModel | null,
  onProgress: (read: number, total: number) => void,
): Promise<SimulationRun> {
  let gathered = new Gathered(policies.length)
  const reports = await simulate(
    memorySource(data, onProgress),
    policies.map((p) => ({ compiled: p.compiled, replay: engineReplayer(p.compiled) })),
    {
      responseModel,
      hooks: {
        onEpisode: (index, episode, replayed) => gathered.add(index, episode, replayed),
        onRestart: () => (gathered = new Gathered(policies.length)),
      },
    },
  )
  const [base, candidate] = reports
  return {
    result: {
      labels: policies.map((p) => p.label),
      reports,
      comparison: base && candidate ? compareReports(base, candidate) : null,
      funnels: gathered.funnels.map((f) => f.result()),
      invoices: gathered.invoiceList(),
    },
    episodes: gathered.episodes,
  }
}

class Gathered {
  readonly funnels: FunnelCounter[]
  readonly episodes: Map<string, Episode>[]
  private readonly invoices = new Map<string, SimulatedInvoice & { actions: number[] }>()

  constructor(private readonly policyCount: number) {
    this.funnels = Array.from({ length: policyCount }, () => new FunnelCounter())
    this.episodes = Array.from({ length: policyCount }, () => new Map())
  }

  add(policy: number, episode: Episode, replayed: ReplayedEpisode): void {
    for (const record of episode.invoices) {
      const id = record.invoice.id
      const actions = replayed.executed.filter((s) => s.invoiceId === id).map((s) => s.action)
      this.funnels[policy]!.add(record, actions)
      this.episodes[policy]!.set(id, episode)
      if (actions.length === 0) continue
      let row = this.invoices.get(id)
      if (!row) {
        row = {
          invoiceId: id,
          customerId: record.customerId,
          currency: record.invoice.currency,
          amountDue: record.invoice.amount_due,
          actions: new Array<number>(this.policyCount).fill(0),
        }
        this.invoices.set(id, row)
      }
      row.actions[policy] = actions.length
    }
  }

  invoiceList(): SimulatedInvoice[] {
    const total = (row: SimulatedInvoice) => row.actions.reduce((a, b) => a + b, 0)
    return [...this.invoices.values()].sort(
      (a, b) => total(b) - total(a) || a.invoiceId.localeCompare(b.invoiceId),
    )
  }
}
