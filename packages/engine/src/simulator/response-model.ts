import { z } from 'zod'
import type { Action } from '../action.js'
import type { InvoiceRecord } from '../dataset/records.js'

const DAY_MS = 86_400_000

/**
 * A declared response model: the analyst's own assumptions about how customers respond
 * to dunning, written down so every estimated figure can name what produced it. It is
 * untrusted input (a JSON file), hence zod.
 */
export const responseModelSchema = z
  .object({
    /**
     * Set when the model was fitted from a ledger rather than written by hand: how, from
     * what, and how well (the report names it first among the assumptions).
     */
    fittedFrom: z.string().min(1).optional(),
    /** Share of dunned invoices that would be paid with no action at all. */
    baselineCureRate: z.number().min(0).max(1),
    /** Days after the due date a customer who needed no action pays. */
    baselineDaysToPay: z.number().nonnegative().default(5),
    /** Days after the action that made them pay. */
    daysToPayAfterAction: z.number().nonnegative().default(2),
    /**
     * Probability that one action makes the customer pay. The first entry that matches
     * an action wins, so list specific entries (a segment, a day window) before general ones.
     */
    uplifts: z.array(
      z
        .object({
          /** A notify channel, or "call", "retry_payment", … (an action type). */
          channel: z.string().min(1),
          /** A segment name, or "*" for every segment. */
          segment: z.string().min(1).default('*'),
          /** Inclusive range of the step's declared day, e.g. [0, 14]; absent = any day. */
          days: z.tuple([z.number().int(), z.number().int()]).nullable().default(null),
          probability: z.number().min(0).max(1),
        })
        .strict(),
    ),
  })
  .strict()

export type ResponseModel = z.output<typeof responseModelSchema>
type Uplift = ResponseModel['uplifts'][number]

/** Figures per currency, minor units; estimates are expected values (no randomness). */
export interface RecoveryEstimate {
  readonly model: 'declared' | 'fitted'
  /** Each assumption in words, as it entered the figures below. */
  readonly assumptions: readonly string[]
  readonly dunnedInvoices: number
  readonly byCurrency: Readonly<Record<string, RecoveryFigures>>
}

export interface RecoveryFigures {
  /** Balance of the invoices the policy acted on. */
  readonly dunnedBalance: number
  /** What those customers really paid (as-was), for reference. */
  readonly actuallyPaid: number
  /** Expected recovery under the declared model. */
  readonly estimatedRecovered: number
  /** Expected days from issue to payment, weighted by amount, among expected payments. */
  readonly estimatedDso: number | null
  /** Σ expected amount × days to payment: `estimatedDso` = this ÷ `estimatedRecovered` (kept so parts merge exactly). */
  readonly estimatedPaymentDays: number
}

/** One performed action as the model sees it. */
export interface RespondableAction {
  readonly action: Action
  readonly segment: string
  readonly day: number
  readonly executedAt: number
}

interface Totals {
  dunnedBalance: number
  actuallyPaid: number
  recovered: number
  weightedDays: number
}

/** Accumulates invoice by invoice in integers, so the order of invoices cannot change a figure. */
export class RecoveryEstimator {
  private readonly totals = new Map<string, Totals>()
  private dunned = 0

  constructor(private readonly model: ResponseModel) {}

  addInvoice(record: InvoiceRecord, actions: readonly RespondableAction[]): void {
    if (actions.length === 0) return
    this.dunned += 1
    const { invoice } = record
    const totals = this.totalsFor(invoice.currency)
    totals.dunnedBalance += invoice.balance
    if (record.paidAt !== null) totals.actuallyPaid += invoice.balance
    for (const outcome of this.outcomes(record, actions)) {
      const weight = Math.round(invoice.balance * outcome.probability)
      totals.recovered += weight
      totals.weightedDays += Math.round(weight * outcome.daysFromIssue)
    }
  }

  result(): RecoveryEstimate {
    const byCurrency: Record<string, RecoveryFigures> = {}
    for (const currency of [...this.totals.keys()].sort()) {
      const t = this.totals.get(currency)!
      byCurrency[currency] = {
        dunnedBalance: t.dunnedBalance,
        actuallyPaid: t.actuallyPaid,
        estimatedRecovered: t.recovered,
        estimatedDso: dso(t.weightedDays, t.recovered),
        estimatedPaymentDays: t.weightedDays,
      }
    }
    return {
      model: this.model.fittedFrom === undefined ? 'declared' : 'fitted',
      assumptions: describeModel(this.model),
      dunnedInvoices: this.dunned,
      byCurrency,
    }
  }

  /**
   * The ways the invoice gets paid, each with its probability: by itself (baseline), or
   * in response to the first action that works, in the order the actions happened.
   */
  private outcomes(
    record: InvoiceRecord,
    actions: readonly RespondableAction[],
  ): { probability: number; daysFromIssue: number }[] {
    const { invoice } = record
    const daysFrom = (at: number) => (at - invoice.issued_at) / DAY_MS
    const outcomes = [
      {
        probability: this.model.baselineCureRate,
        daysFromIssue: daysFrom(invoice.due_at) + this.model.baselineDaysToPay,
      },
    ]
    let unpaid = 1 - this.model.baselineCureRate
    for (const performed of actions) {
      for (const channel of channelsOf(performed.action)) {
        const probability = this.upliftFor(channel, performed)
        if (probability === 0) continue
        outcomes.push({
          probability: unpaid * probability,
          daysFromIssue: daysFrom(performed.executedAt) + this.model.daysToPayAfterAction,
        })
        unpaid *= 1 - probability
      }
    }
    return outcomes
  }

  private upliftFor(channel: string, performed: RespondableAction): number {
    const match = this.model.uplifts.find((u) => upliftMatches(u, channel, performed))
    return match?.probability ?? 0
  }

  private totalsFor(currency: string): Totals {
    let totals = this.totals.get(currency)
    if (!totals) {
      totals = { dunnedBalance: 0, actuallyPaid: 0, recovered: 0, weightedDays: 0 }
      this.totals.set(currency, totals)
    }
    return totals
  }
}

function upliftMatches(uplift: Uplift, channel: string, performed: RespondableAction): boolean {
  if (uplift.channel !== channel) return false
  if (uplift.segment !== '*' && uplift.segment !== performed.segment) return false
  return (
    uplift.days === null || (performed.day >= uplift.days[0] && performed.day <= uplift.days[1])
  )
}

/** A notify reaches the customer once per channel; any other action is its own "channel". */
export function channelsOf(action: Action): readonly string[] {
  return action.type === 'notify' ? action.channels : [action.type]
}

function describeModel(model: ResponseModel): string[] {
  const percent = (p: number) => `${round1(p * 100)}%`
  return [
    ...(model.fittedFrom === undefined ? [] : [model.fittedFrom]),
    'Expected values, no random draws: the same input always gives the same figures.',
    `Without any action, ${percent(model.baselineCureRate)} of dunned invoices are paid, ${model.baselineDaysToPay} days after the due date.`,
    `A customer who responds to an action pays ${model.daysToPayAfterAction} days after it; actions are tried in the order they happened.`,
    ...model.uplifts.map(
      (u) =>
        `${u.channel} in segment ${u.segment === '*' ? 'any' : `"${u.segment}"`}` +
        `${u.days ? ` on days ${u.days[0]}–${u.days[1]}` : ''}: ${percent(u.probability)} of the customers still unpaid respond.`,
    ),
    'Actions no entry matches are assumed to have no effect.',
  ]
}

export function dso(paymentDays: number, recovered: number): number | null {
  return recovered > 0 ? round1(paymentDays / recovered) : null
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
