import { listCaseRollups, type OutcomeCaseRollupRow } from '@dun/store'
import type { ServiceContext } from '../context.js'

export const RECOVERY_DIMENSIONS = ['version', 'segment', 'cohort'] as const
export type RecoveryDimension = (typeof RECOVERY_DIMENSIONS)[number]

/** Recovery of the cases under one key and currency (amounts in its minor units). */
export interface RecoveryFigure {
  readonly key: string
  readonly currency: string
  readonly cases: number
  readonly recoveredCases: number
  /** Recovered cases / cases: a case counts once, however many payments it took. */
  readonly rateByCount: number
  readonly amountDue: number
  readonly recoveredAmount: number
  /** Recovered amount / amount due when the cases opened. */
  readonly rateByAmount: number
}

function keyOf(row: OutcomeCaseRollupRow, by: RecoveryDimension): string {
  switch (by) {
    case 'version':
      return row.policy_version_id
    case 'segment':
      return row.segment
    case 'cohort':
      return row.cohort
  }
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)

/** Recovery rate by count and by amount, per currency, grouped by version, segment or cohort. */
export async function recoveryReport(
  ctx: ServiceContext,
  by: RecoveryDimension,
): Promise<RecoveryFigure[]> {
  const sums = new Map<string, { key: string; currency: string; totals: number[] }>()
  for (const row of await listCaseRollups(ctx.db, ctx.workspace)) {
    const key = keyOf(row, by)
    const id = `${key}\u0000${row.currency}`
    const entry = sums.get(id) ?? { key, currency: row.currency, totals: [0, 0, 0, 0] }
    const add = [row.cases, row.recovered_cases, row.amount_due, row.recovered_amount]
    entry.totals = entry.totals.map((t, i) => t + (add[i] ?? 0))
    sums.set(id, entry)
  }
  return [...sums.values()]
    .sort((a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency))
    .map(
      ({
        key,
        currency,
        totals: [cases = 0, recoveredCases = 0, amountDue = 0, recoveredAmount = 0],
      }) => ({
        key,
        currency,
        cases,
        recoveredCases,
        rateByCount: ratio(recoveredCases, cases),
        amountDue,
        recoveredAmount,
        rateByAmount: ratio(recoveredAmount, amountDue),
      }),
    )
}
