import type { ActionType, Decision } from '@dun/engine'

/** What one or more evaluations did; the scheduler turns it into metrics and logs. */
export interface EvaluationSummary {
  readonly batches: number
  readonly customers: number
  readonly casesOpened: number
  readonly casesEvaluated: number
  /** Cases that stopped (settled) or were rejected, now closed. */
  readonly casesClosed: number
  /** Due actions newly written to the ledger as `pending`, by action type. */
  readonly actionsDecided: Partial<Record<ActionType, number>>
  readonly actionsSkipped: number
  /** Customers whose evaluation failed on its own; they were postponed, not decided. */
  readonly failures: readonly CustomerFailure[]
  /** Each evaluated case's decision, when asked for (`decisions: true`). */
  readonly decisions?: readonly CaseDecision[]
}

export interface CustomerFailure {
  readonly customerId: string
  readonly message: string
  /** When the scheduler tries the customer again. */
  readonly retryAt: Date
}

export interface CaseDecision {
  readonly caseId: string
  readonly customerId: string
  readonly decision: Decision
}

export const EMPTY_SUMMARY: EvaluationSummary = {
  batches: 0,
  customers: 0,
  casesOpened: 0,
  casesEvaluated: 0,
  casesClosed: 0,
  actionsDecided: {},
  actionsSkipped: 0,
  failures: [],
}

export function addSummaries(a: EvaluationSummary, b: EvaluationSummary): EvaluationSummary {
  const actionsDecided = { ...a.actionsDecided }
  for (const [type, count] of Object.entries(b.actionsDecided) as [ActionType, number][]) {
    actionsDecided[type] = (actionsDecided[type] ?? 0) + count
  }
  const decisions =
    a.decisions || b.decisions ? [...(a.decisions ?? []), ...(b.decisions ?? [])] : undefined
  return {
    batches: a.batches + b.batches,
    customers: a.customers + b.customers,
    casesOpened: a.casesOpened + b.casesOpened,
    casesEvaluated: a.casesEvaluated + b.casesEvaluated,
    casesClosed: a.casesClosed + b.casesClosed,
    actionsDecided,
    actionsSkipped: a.actionsSkipped + b.actionsSkipped,
    failures: a.failures.length === 0 ? b.failures : [...a.failures, ...b.failures],
    ...(decisions ? { decisions } : {}),
  }
}

/** Total due actions decided, over every type. */
export function actionsDecidedTotal(summary: EvaluationSummary): number {
  return Object.values(summary.actionsDecided).reduce((sum, n) => sum + n, 0)
}
