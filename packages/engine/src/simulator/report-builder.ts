import { describeAction, type Action } from '../action.js'
import type { CompiledPolicy, PlanStep, StepTiming } from '../compiled.js'
import type { InvoiceRecord } from '../dataset/records.js'
import type { Episode, ExecutedStep, ReplayedEpisode } from './replay-port.js'
import type {
  AmountLine,
  Counts,
  InputSummary,
  PaidAnywayLine,
  SimulationReport,
} from './report.js'
import { channelsOf, RecoveryEstimator, type ResponseModel } from './response-model.js'
import { CountMap } from './count-map.js'

const DAY_MS = 86_400_000
export const PAID_ANYWAY_DAYS = [3, 7] as const

interface AmountTally {
  count: number
  invoices: number
  readonly amounts: CountMap
}

/** Folds replayed episodes into a `SimulationReport`, one episode at a time. */
export class ReportBuilder {
  private readonly steps: ReadonlyMap<string, PlanStep>
  private readonly currencies: ReadonlySet<string>
  private simulated = 0
  private actedOn = 0
  private readonly rejected = new CountMap()
  private readonly byType = new CountMap()
  private readonly byChannel = new CountMap()
  private readonly bySegment = new CountMap()
  private readonly byDayOffset = new CountMap()
  private readonly byStep = new CountMap()
  /** Keyed by epoch day: the ISO date is written once per day, when the report is built. */
  private readonly perDay = new Map<number, CountMap>()
  /** Each step's timing as the report names it ("day 3 at 10:00"), worked out once. */
  private readonly timingNames: ReadonlyMap<string, string>
  private readonly messagesByCustomer = new Map<string, number>()
  private readonly deferrals = new CountMap()
  private readonly skips = new CountMap()
  private readonly escalations = new Map<string, AmountTally>()
  private readonly accountActions = new Map<string, AmountTally>()
  private readonly paidAnyway = PAID_ANYWAY_DAYS.map(() => ({ actions: 0, invoices: 0 }))
  private readonly recovery: RecoveryEstimator | null

  constructor(
    private readonly policy: CompiledPolicy,
    responseModel: ResponseModel | null,
  ) {
    this.steps = new Map(
      policy.plan.segments.flatMap((segment) => segment.steps.map((step) => [step.id, step])),
    )
    this.timingNames = new Map(
      [...this.steps].map(([id, step]) => [id, describeTiming(step.timing)]),
    )
    this.currencies = new Set(policy.plan.currencies)
    this.recovery = responseModel ? new RecoveryEstimator(responseModel) : null
  }

  /** Whether the policy lists the invoice's currency; other invoices are reported, never simulated. */
  accepts(record: InvoiceRecord): boolean {
    return this.currencies.has(record.invoice.currency)
  }

  addRejected(record: InvoiceRecord): void {
    this.rejected.add(record.invoice.currency)
  }

  /** An invoice simulated without a replay: paid before any step could run (see inert.ts). */
  addUntouched(record: InvoiceRecord): void {
    if (this.accepts(record)) this.simulated += 1
    else this.addRejected(record)
  }

  addEpisode(episode: Episode, replayed: ReplayedEpisode): void {
    this.simulated += episode.invoices.length
    const stepsByInvoice = groupByInvoice(replayed.executed)
    this.actedOn += stepsByInvoice.size
    for (const record of episode.invoices) {
      const steps = stepsByInvoice.get(record.invoice.id) ?? []
      for (const step of steps) this.countStep(episode.customer.customer.id, step)
      this.countPaidAnyway(record, steps)
      this.tallyAmounts(record, steps)
      this.recovery?.addInvoice(
        record,
        steps.map((step) => ({ ...step, day: this.dayOf(step.stepId) })),
      )
    }
    for (const deferral of replayed.deferrals) this.deferrals.add(deferral.reason)
    for (const skip of replayed.skips) this.skips.add(skip.reason)
  }

  build(input: InputSummary, window: SimulationReport['window']): SimulationReport {
    const counts = new CountMap()
    for (const messages of this.messagesByCustomer.values()) counts.add(String(messages))
    const histogram = counts.toObject((a, b) => Number(a) - Number(b))
    return {
      format: 'dun.simulation/1',
      mode: 'as-was',
      policy: { name: this.policy.policy.name, currencies: [...this.policy.policy.currencies] },
      window,
      input,
      invoices: {
        simulated: this.simulated,
        actedOn: this.actedOn,
        rejected: { total: this.rejected.total(), byCurrency: this.rejected.toObject() },
      },
      actions: {
        total: this.byType.total(),
        byType: this.byType.toObject(),
        byChannel: this.byChannel.toObject(),
        bySegment: this.bySegment.toObject(),
        byDayOffset: this.byDayOffset.toObject(byTimingOrder),
        byStep: this.byStep.toObject(),
        perDay: Object.fromEntries(
          // epoch days sort like their ISO dates (four-digit years)
          [...this.perDay.keys()]
            .sort((a, b) => a - b)
            .map((day) => [isoDate(day), this.perDay.get(day)!.toObject()]),
        ),
      },
      messagesPerCustomer: {
        customersMessaged: this.messagesByCustomer.size,
        max: nearestRankOfHistogram(histogram, 1),
        p95: nearestRankOfHistogram(histogram, 0.95),
        histogram,
      },
      deferrals: { total: this.deferrals.total(), byReason: this.deferrals.toObject() },
      skips: { total: this.skips.total(), byReason: this.skips.toObject() },
      escalations: amountLines(this.escalations),
      accountActions: amountLines(this.accountActions),
      paidAnyway: PAID_ANYWAY_DAYS.map((withinDays, i): PaidAnywayLine => ({
        withinDays,
        ...this.paidAnyway[i]!,
      })),
      recovery: this.recovery?.result() ?? null,
      notes: [],
    }
  }

  private countStep(customerId: string, step: ExecutedStep): void {
    const { action } = step
    this.byType.add(action.type)
    this.bySegment.add(step.segment)
    this.byStep.add(step.stepId)
    this.byDayOffset.add(this.timingNames.get(step.stepId) ?? 'unknown step')
    const day = Math.floor(step.executedAt / DAY_MS)
    let perDay = this.perDay.get(day)
    if (!perDay) this.perDay.set(day, (perDay = new CountMap()))
    for (const channel of channelsOf(action)) perDay.add(channel)
    if (action.type !== 'notify') return
    for (const channel of action.channels) this.byChannel.add(channel)
    this.messagesByCustomer.set(
      customerId,
      (this.messagesByCustomer.get(customerId) ?? 0) + action.channels.length,
    )
  }

  private countPaidAnyway(record: InvoiceRecord, steps: readonly ExecutedStep[]): void {
    const { paidAt } = record
    if (paidAt === null) return
    PAID_ANYWAY_DAYS.forEach((days, i) => {
      const wasted = steps.filter(
        (s) => paidAt >= s.executedAt && paidAt - s.executedAt <= days * DAY_MS,
      ).length
      const line = this.paidAnyway[i]!
      line.actions += wasted
      if (wasted > 0) line.invoices += 1
    })
  }

  private tallyAmounts(record: InvoiceRecord, steps: readonly ExecutedStep[]): void {
    const seen = new Set<AmountTally>()
    for (const { action } of steps) {
      const table = amountTableFor(action, this.escalations, this.accountActions)
      if (!table) continue
      const key = describeAction(action)
      let tally = table.get(key)
      if (!tally) table.set(key, (tally = { count: 0, invoices: 0, amounts: new CountMap() }))
      tally.count += 1
      if (seen.has(tally)) continue
      seen.add(tally)
      tally.invoices += 1
      tally.amounts.add(record.invoice.currency, record.invoice.balance)
    }
  }

  private dayOf(stepId: string): number {
    const timing = this.steps.get(stepId)?.timing
    if (!timing) return 0
    return timing.unit === 'day' ? timing.offset : Math.floor(timing.offset / 24)
  }
}

function amountTableFor(
  action: Action,
  escalations: Map<string, AmountTally>,
  accountActions: Map<string, AmountTally>,
): Map<string, AmountTally> | null {
  if (action.type === 'escalate') return escalations
  if (action.type === 'account') return accountActions
  return null
}

function groupByInvoice(steps: readonly ExecutedStep[]): Map<string, ExecutedStep[]> {
  const byInvoice = new Map<string, ExecutedStep[]>()
  for (const step of steps) {
    const list = byInvoice.get(step.invoiceId)
    if (list) list.push(step)
    else byInvoice.set(step.invoiceId, [step])
  }
  return byInvoice
}

/** Day offsets in time order ("day -3" before "day 2" before "day 10"), failure-anchored after. */
export function byTimingOrder(a: string, b: string): number {
  const key = (label: string) =>
    [
      label.includes('from failure') ? 1 : 0,
      label.startsWith('hour') ? 1 : 0,
      Number(label.split(' ')[1]),
    ] as const
  const [x, y] = [key(a), key(b)]
  return (
    x[0] - y[0] || x[2] * (x[1] ? 1 : 24) - y[2] * (y[1] ? 1 : 24) || (a < b ? -1 : a > b ? 1 : 0)
  )
}

/** "day 3", "day -3", "day 1 from failure", "hour 4", "day 2 at 10:00". */
function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10)
}

export function describeTiming(timing: StepTiming): string {
  const at =
    timing.at === null
      ? ''
      : ` at ${String(Math.floor(timing.at / 60)).padStart(2, '0')}:${String(timing.at % 60).padStart(2, '0')}`
  const from = timing.anchor === 'failure' ? ' from failure' : ''
  return `${timing.unit} ${timing.offset}${at}${from}`
}

function amountLines(table: Map<string, AmountTally>): AmountLine[] {
  return [...table.keys()].sort().map((action) => {
    const tally = table.get(action)!
    return {
      action,
      count: tally.count,
      invoices: tally.invoices,
      amounts: tally.amounts.toObject(),
    }
  })
}

/**
 * The nearest-rank percentile of a histogram (value → how many): a value that really
 * occurred, never an interpolation; the same from a whole run or from merged parts.
 */
export function nearestRankOfHistogram(histogram: Counts, quantile: number): number {
  const entries = Object.entries(histogram)
    .map(([value, n]) => [Number(value), n] as const)
    .sort((a, b) => a[0] - b[0])
  const total = entries.reduce((sum, [, n]) => sum + n, 0)
  const rank = Math.max(1, Math.ceil(quantile * total))
  let seen = 0
  for (const [value, n] of entries) {
    seen += n
    if (seen >= rank) return value
  }
  return 0
}

export type { Counts }
