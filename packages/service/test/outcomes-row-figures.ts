import type { HistoryCase } from './outcomes-history.js'

/**
 * Figures of the Outcomes page worked out by the test itself from the rows it inserts, so
 * the figures read from the rollups are compared with arithmetic that shares no code with
 * the outcomes job. Every payment here settles its case (amount null: the amount due).
 */
const DAY_MS = 86_400_000

interface Paid {
  readonly case: HistoryCase
  readonly at: Date
  readonly amount: number
  /** Whole days from the case opening to the payment. */
  readonly days: number
}

export function paymentsOf(cases: readonly HistoryCase[]): Paid[] {
  return cases.flatMap((c) =>
    c.payments.map((p) => ({
      case: c,
      at: p.at,
      amount: p.amount ?? c.amountDue,
      days: Math.floor((p.at.getTime() - c.openedAt.getTime()) / DAY_MS),
    })),
  )
}

const monthOf = (at: Date) => at.toISOString().slice(0, 7)

export interface MonthlyCollection {
  readonly month: string
  readonly payments: number
  readonly amount: number
  /** Amount-weighted mean days to collect of the month's payments. */
  readonly dsoDays: number
}

/** Per month (UTC) of payment, ascending: what was collected and its amount-weighted days. */
export function collectedByMonth(cases: readonly HistoryCase[]): MonthlyCollection[] {
  const months = new Map<string, { payments: number; amount: number; amountDays: number }>()
  for (const p of paymentsOf(cases)) {
    const month = months.get(monthOf(p.at)) ?? { payments: 0, amount: 0, amountDays: 0 }
    month.payments += 1
    month.amount += p.amount
    month.amountDays += p.amount * p.days
    months.set(monthOf(p.at), month)
  }
  return [...months]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({
      month,
      payments: m.payments,
      amount: m.amount,
      dsoDays: m.amountDays / m.amount,
    }))
}

export interface CohortRecovery {
  readonly cohort: string
  readonly cases: number
  readonly recoveredCases: number
  readonly recoveredAmount: number
}

/** Per month (UTC) of the first failed payment (the case opening here), ascending. */
export function recoveryByCohort(cases: readonly HistoryCase[]): CohortRecovery[] {
  const cohorts = new Map<string, { cases: number; recoveredCases: number; amount: number }>()
  for (const c of cases) {
    const cohort = cohorts.get(monthOf(c.openedAt)) ?? { cases: 0, recoveredCases: 0, amount: 0 }
    const paid = paymentsOf([c])
    cohort.cases += 1
    cohort.recoveredCases += paid.length > 0 ? 1 : 0
    cohort.amount += paid.reduce((sum, p) => sum + p.amount, 0)
    cohorts.set(monthOf(c.openedAt), cohort)
  }
  return [...cohorts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, c]) => ({
      cohort,
      cases: c.cases,
      recoveredCases: c.recoveredCases,
      recoveredAmount: c.amount,
    }))
}

/** Payments that came within `windowDays` after the case's action `stepId`. */
export function paidWithinDaysOf(
  cases: readonly HistoryCase[],
  stepId: string,
  windowDays: number,
): number {
  return paymentsOf(cases).filter((p) => {
    const action = p.case.actions.find((a) => a.stepId === stepId)
    const since = action ? p.at.getTime() - action.decidedAt.getTime() : -1
    return since > 0 && since <= windowDays * DAY_MS
  }).length
}

/** Credited payments per whole day to collect, ascending, each payment weighing `weight`. */
export function creditedDays(
  parts: readonly { readonly cases: readonly HistoryCase[]; readonly weight: number }[],
): [day: number, payments: number][] {
  const days = new Map<number, number>()
  for (const { cases, weight } of parts)
    for (const p of paymentsOf(cases)) days.set(p.days, (days.get(p.days) ?? 0) + weight)
  return [...days].sort(([a], [b]) => a - b)
}

/** The first day by which at least `q` of the credited payments had arrived (nearest rank). */
export function nearestRankDay(days: readonly [number, number][], q: number): number {
  const total = days.reduce((sum, [, payments]) => sum + payments, 0)
  let seen = 0
  for (const [day, payments] of days) {
    seen += payments
    if (seen >= q * total) return day
  }
  throw new Error('no credited payments to take a quantile of')
}
