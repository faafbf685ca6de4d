import { minorUnitExponent } from '@dun/engine'
import { CASE_ROLLUP_COUNTS, listCaseRollups, type OutcomeCaseRollupRow } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ratio } from './ratio.js'

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
  /** Cases closed so far; the figures below are about them. */
  readonly closedCases: number
  readonly messagesSent: number
  /** Messages sent per one major unit (1 USD, 1 JPY) recovered; null when nothing was. */
  readonly messagesPerUnitRecovered: number | null
  /** Involuntary churn: closed cases whose subscription dunning cancelled, or whose debt it wrote off. */
  readonly cancellations: number
  readonly writeOffs: number
  readonly churnRate: number
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

type Totals = Record<(typeof CASE_ROLLUP_COUNTS)[number], number>
const ZERO: Totals = Object.fromEntries(CASE_ROLLUP_COUNTS.map((name) => [name, 0])) as Totals

/** Recovery rate by count and by amount, per currency, grouped by version, segment or cohort. */
export async function recoveryReport(
  ctx: ServiceContext,
  by: RecoveryDimension,
): Promise<RecoveryFigure[]> {
  const sums = new Map<string, { key: string; currency: string; totals: Totals }>()
  for (const row of await listCaseRollups(ctx.db, ctx.workspace)) {
    const key = keyOf(row, by)
    const id = `${key}\u0000${row.currency}`
    const entry = sums.get(id) ?? { key, currency: row.currency, totals: { ...ZERO } }
    for (const name of CASE_ROLLUP_COUNTS) entry.totals[name] += row[name]
    sums.set(id, entry)
  }
  return [...sums.values()]
    .sort((a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency))
    .map(({ key, currency, totals: t }) => {
      const recoveredMajor = t.closed_recovered_amount / 10 ** minorUnitExponent(currency)
      return {
        key,
        currency,
        cases: t.cases,
        recoveredCases: t.recovered_cases,
        rateByCount: ratio(t.recovered_cases, t.cases),
        amountDue: t.amount_due,
        recoveredAmount: t.recovered_amount,
        rateByAmount: ratio(t.recovered_amount, t.amount_due),
        closedCases: t.closed_cases,
        messagesSent: t.messages_sent,
        messagesPerUnitRecovered: recoveredMajor > 0 ? t.messages_sent / recoveredMajor : null,
        cancellations: t.cancellations,
        writeOffs: t.write_offs,
        churnRate: ratio(t.cancellations + t.write_offs, t.closed_cases),
      }
    })
}
