import {
  listCaseRollups,
  listOpenAges,
  listRecoveryDays,
  outcomesAsOf,
  type OpenAge,
  type OutcomeRecoveryDayRow,
} from '@dun/store'
import type { ServiceContext } from '../context.js'

export interface CurvePoint {
  readonly day: number
  /** Cases first paid by the end of this day since opening. */
  readonly recoveredCases: number
  /**
   * Cases that could still be first paid on this day: unpaid and open at least this many
   * days by the figures' as-of time, or first paid on this day or later.
   */
  readonly casesAtRisk: number
  /** Estimated share of the version's cases first paid by the end of this day (Kaplan–Meier). */
  readonly share: number
}

/**
 * The time-to-collect curve of one version and currency: the share of its cases first paid
 * by each day since opening, as a Kaplan–Meier estimate. A case counts only for the days it
 * has been open by the figures' as-of time (whole UTC days), so a newer version whose cases
 * are young is not pulled down by cases that could not have paid yet: the curves of two
 * versions compare directly over the days both have cases for.
 */
export interface RecoveryCurve {
  readonly policyVersionId: string
  readonly currency: string
  readonly cases: number
  readonly points: readonly CurvePoint[]
}

const curveId = (policyVersionId: string, currency: string) => `${policyVersionId}\u0000${currency}`

/** One curve per version and currency, from the first-payment days and the unpaid cases' ages. */
export async function recoveryCurves(ctx: ServiceContext): Promise<RecoveryCurve[]> {
  const asOf = (await outcomesAsOf(ctx.db, ctx.workspace)) ?? new Date()
  const [days, ages, rollups] = await Promise.all([
    listRecoveryDays(ctx.db, ctx.workspace),
    listOpenAges(ctx.db, ctx.workspace, asOf),
    listCaseRollups(ctx.db, ctx.workspace),
  ])
  const cases = new Map<string, number>()
  for (const r of rollups) {
    const id = curveId(r.policy_version_id, r.currency)
    cases.set(id, (cases.get(id) ?? 0) + r.cases)
  }
  const paidDays = groupBy(days, (d) => curveId(d.policy_version_id, d.currency))
  const unpaidAges = groupBy(ages, (a) => curveId(a.policyVersionId, a.currency))
  return [...paidDays].map(([id, paid]) => {
    const first = paid[0] as OutcomeRecoveryDayRow
    return {
      policyVersionId: first.policy_version_id,
      currency: first.currency,
      cases: cases.get(id) ?? 0,
      points: kaplanMeier(paid, unpaidAges.get(id) ?? []),
    }
  })
}

/**
 * Product over the days with a first payment of (1 − paid that day / at risk that day).
 * `paid` comes by day, ascending; an unpaid case is at risk up to its age (censored).
 */
function kaplanMeier(
  paid: readonly OutcomeRecoveryDayRow[],
  unpaid: readonly OpenAge[],
): CurvePoint[] {
  let paidFromHere = paid.reduce((sum, d) => sum + d.cases, 0)
  let recoveredCases = 0
  let survival = 1
  return paid.map((d) => {
    const unpaidOpenLongEnough = unpaid.reduce((n, a) => (a.age >= d.day ? n + a.unpaid : n), 0)
    const casesAtRisk = unpaidOpenLongEnough + paidFromHere
    survival *= 1 - d.cases / casesAtRisk
    recoveredCases += d.cases
    paidFromHere -= d.cases
    return { day: d.day, recoveredCases, casesAtRisk, share: 1 - survival }
  })
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const id = key(row)
    const list = groups.get(id) ?? []
    list.push(row)
    groups.set(id, list)
  }
  return groups
}
