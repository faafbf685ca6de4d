import { listCaseRollups, listRecoveryDays } from '@dun/store'
import type { ServiceContext } from '../context.js'

export interface CurvePoint {
  readonly day: number
  /** Cases first paid by the end of this day since opening. */
  readonly recoveredCases: number
  /** Of all the version's cases in this currency. */
  readonly share: number
}

/**
 * The time-to-collect curve of one version and currency: the cumulative share of its cases
 * recovered (first paid) by each day since opening. It ends at the version's recovery rate
 * by count, so the curves of two versions compare directly.
 */
export interface RecoveryCurve {
  readonly policyVersionId: string
  readonly currency: string
  readonly cases: number
  readonly points: readonly CurvePoint[]
}

/** One curve per version and currency, from the first-payment day histogram. */
export async function recoveryCurves(ctx: ServiceContext): Promise<RecoveryCurve[]> {
  const [days, rollups] = await Promise.all([
    listRecoveryDays(ctx.db, ctx.workspace),
    listCaseRollups(ctx.db, ctx.workspace),
  ])
  const cases = new Map<string, number>()
  for (const r of rollups) {
    const id = `${r.policy_version_id}\u0000${r.currency}`
    cases.set(id, (cases.get(id) ?? 0) + r.cases)
  }
  const curves = new Map<string, RecoveryCurve & { points: CurvePoint[] }>()
  // Rows arrive by version, currency and day: the running sum is the cumulative count.
  for (const row of days) {
    const id = `${row.policy_version_id}\u0000${row.currency}`
    const total = cases.get(id) ?? 0
    const curve = curves.get(id) ?? {
      policyVersionId: row.policy_version_id,
      currency: row.currency,
      cases: total,
      points: [],
    }
    const recoveredCases = (curve.points.at(-1)?.recoveredCases ?? 0) + row.cases
    curve.points.push({
      day: row.day,
      recoveredCases,
      share: total === 0 ? 0 : recoveredCases / total,
    })
    curves.set(id, curve)
  }
  return [...curves.values()]
}
