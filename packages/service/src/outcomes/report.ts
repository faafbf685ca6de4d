import {
  listCollectDays,
  listRollups,
  type AttributionModel,
  type OutcomeCollectDayRow,
  type OutcomeDimension,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { MODEL_LABELS } from './attribution.js'

export const OUTCOME_DIMENSIONS = ['version', 'segment', 'step', 'channel', 'template'] as const

/** Credited recoveries of one key under one model (fractional under position-based credit). */
export interface AttributionFigure {
  readonly model: AttributionModel
  readonly label: string
  readonly key: string
  readonly currency: string
  readonly payments: number
  /** Minor units of `currency`; never converted. */
  readonly amount: number
}

/** Recovered payments by dimension, both models side by side, read from the rollups. */
export async function attributionReport(
  ctx: ServiceContext,
  dimension: OutcomeDimension,
): Promise<AttributionFigure[]> {
  const rows = await listRollups(ctx.db, ctx.workspace, dimension)
  return rows.map((r) => ({
    model: r.model,
    label: MODEL_LABELS[r.model],
    key: r.key,
    currency: r.currency,
    payments: r.payments,
    amount: r.amount,
  }))
}

/** Days from case opening to payment, for one policy version and currency. */
export interface CollectTime {
  readonly policyVersionId: string
  readonly currency: string
  readonly payments: number
  readonly medianDays: number
  readonly p90Days: number
  /** Payments per whole day to collect, ascending by day. */
  readonly distribution: readonly { readonly day: number; readonly payments: number }[]
}

/** The smallest day by which at least `q` of the payments had arrived (nearest rank). */
export function quantileDay(
  distribution: readonly { day: number; payments: number }[],
  q: number,
): number {
  const total = distribution.reduce((sum, d) => sum + d.payments, 0)
  const rank = Math.max(1, Math.ceil(q * total))
  let seen = 0
  for (const d of distribution) {
    seen += d.payments
    if (seen >= rank) return d.day
  }
  return distribution.at(-1)?.day ?? 0
}

/** Days to collect per version and currency (segments merged), from the day histogram. */
export async function collectTimes(ctx: ServiceContext): Promise<CollectTime[]> {
  const groups = new Map<string, OutcomeCollectDayRow[]>()
  for (const row of await listCollectDays(ctx.db, ctx.workspace)) {
    const id = `${row.policy_version_id}\u0000${row.currency}`
    groups.set(id, [...(groups.get(id) ?? []), row])
  }
  return [...groups.values()].flatMap((rows) => {
    const first = rows[0]
    if (!first) return []
    const byDay = new Map<number, number>()
    for (const r of rows) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.payments)
    const distribution = [...byDay]
      .sort(([a], [b]) => a - b)
      .map(([day, payments]) => ({ day, payments }))
    return [
      {
        policyVersionId: first.policy_version_id,
        currency: first.currency,
        payments: distribution.reduce((sum, d) => sum + d.payments, 0),
        medianDays: quantileDay(distribution, 0.5),
        p90Days: quantileDay(distribution, 0.9),
        distribution,
      },
    ]
  })
}
