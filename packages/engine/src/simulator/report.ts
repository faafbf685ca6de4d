import type { RowError } from '../dataset/records.js'
import type { RecoveryEstimate } from './response-model.js'

/**
 * What a simulation found: a plain JSON-serialisable object, with keys in a fixed order
 * and no wall-clock or engine-path data, so the same input always gives the same bytes.
 * Money is minor units per currency.
 */
export interface SimulationReport {
  readonly format: 'dun.simulation/1'
  /** as-was: every customer paid when they really paid; the policy acts until then. */
  readonly mode: 'as-was'
  readonly policy: { readonly name: string; readonly currencies: readonly string[] }
  readonly window: { readonly from: string | null; readonly to: string | null }
  readonly input: InputSummary
  readonly invoices: {
    readonly simulated: number
    /** Invoices the policy acted on at least once. */
    readonly actedOn: number
    readonly rejected: { readonly total: number; readonly byCurrency: Counts }
  }
  readonly actions: {
    readonly total: number
    readonly byType: Counts
    /** A notify on two channels counts once per channel. */
    readonly byChannel: Counts
    readonly bySegment: Counts
    /** The step's declared timing, e.g. "day 3", "day 1 from failure", "hour 4". */
    readonly byDayOffset: Counts
    readonly byStep: Counts
    /** UTC day of execution → channel (or action type for non-messages) → count. */
    readonly perDay: Readonly<Record<string, Counts>>
  }
  readonly messagesPerCustomer: {
    readonly customersMessaged: number
    readonly max: number
    readonly p95: number
    /** Messages sent to one customer → number of customers. */
    readonly histogram: Counts
  }
  readonly deferrals: { readonly total: number; readonly byReason: Counts }
  readonly skips: { readonly total: number; readonly byReason: Counts }
  /** Escalations and account actions, with the invoice balances involved at issue. */
  readonly escalations: readonly AmountLine[]
  readonly accountActions: readonly AmountLine[]
  /** Actions sent to invoices the customer paid within N days anyway. */
  readonly paidAnyway: readonly PaidAnywayLine[]
  /** null with `--response-model none`: no recovery figure is claimed. */
  readonly recovery: RecoveryEstimate | null
  /** Honest labels: what the figures mean and which approximations they carry. */
  readonly notes: readonly string[]
}

export type Counts = Readonly<Record<string, number>>

export interface InputSummary {
  readonly invoicesRead: number
  /** Issued outside `--from/--to`: not simulated. */
  readonly outsideWindow: number
  readonly sortedByIssueDate: boolean
  readonly rowErrors: RowErrorSummary
}

export interface RowErrorSummary {
  readonly total: number
  /** Per file and column, how many rows had a problem there. */
  readonly byColumn: readonly {
    readonly file: string
    readonly column: string
    readonly count: number
  }[]
  /** The first few, in file order, for people to look at. */
  readonly first: readonly RowError[]
}

export interface AmountLine {
  readonly action: string
  readonly count: number
  readonly invoices: number
  /** Invoice amounts due, minor units per currency. */
  readonly amounts: Counts
}

export interface PaidAnywayLine {
  readonly withinDays: number
  readonly actions: number
  readonly invoices: number
}

export interface ComparisonReport {
  readonly format: 'dun.comparison/1'
  readonly base: SimulationReport
  readonly candidate: SimulationReport
  /** Every headline figure that differs: candidate minus base. */
  readonly differences: readonly Difference[]
}

export interface Difference {
  readonly metric: string
  readonly base: number
  readonly candidate: number
  readonly delta: number
}
