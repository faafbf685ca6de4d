import {
  listCollectCredits,
  listCollectDays,
  type AttributionModel,
  type OutcomeCollectCreditRow,
  type OutcomeCollectDayRow,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { MODEL_LABELS } from './attribution.js'

export const COLLECT_DIMENSIONS = ['version', 'segment', 'step', 'channel'] as const
export type CollectDimension = (typeof COLLECT_DIMENSIONS)[number]

export interface DayCount {
  readonly day: number
  /** Payments collected that day; fractional when credit is shared (position-based). */
  readonly payments: number
}

/** Days from case opening to payment, for one key and currency. */
export interface CollectTime {
  readonly key: string
  readonly currency: string
  /**
   * By step or channel, which payments count and how much: those credited to it under this
   * model. Null by version and segment, where every payment counts once.
   */
  readonly model: AttributionModel | null
  readonly label: string | null
  readonly payments: number
  readonly medianDays: number
  readonly p90Days: number
  /** Payments per whole day to collect, ascending by day. */
  readonly distribution: readonly DayCount[]
}

/** The smallest day by which at least `q` of the payments had arrived (nearest rank). */
export function quantileDay(distribution: readonly DayCount[], q: number): number {
  const total = distribution.reduce((sum, d) => sum + d.payments, 0)
  // Past float noise: position-based credits are fractions that sum to whole payments.
  const rank = Math.max(Number.MIN_VALUE, q * total - 1e-9)
  let seen = 0
  for (const d of distribution) {
    seen += d.payments
    if (seen >= rank) return d.day
  }
  return distribution.at(-1)?.day ?? 0
}

interface DayRow {
  readonly key: string
  readonly currency: string
  readonly model: AttributionModel | null
  readonly day: number
  readonly payments: number
}

function fromCollectDays(rows: readonly OutcomeCollectDayRow[], by: 'version' | 'segment') {
  return rows.map((r): DayRow => ({
    key: by === 'version' ? r.policy_version_id : r.segment,
    currency: r.currency,
    model: null,
    day: r.day,
    payments: r.payments,
  }))
}

function fromCredits(rows: readonly OutcomeCollectCreditRow[]) {
  return rows.map((r): DayRow => ({
    key: r.key,
    currency: r.currency,
    model: r.model,
    day: r.day,
    payments: r.payments,
  }))
}

async function dayRows(ctx: ServiceContext, by: CollectDimension): Promise<DayRow[]> {
  switch (by) {
    case 'version':
    case 'segment':
      return fromCollectDays(await listCollectDays(ctx.db, ctx.workspace), by)
    case 'step':
    case 'channel':
      return fromCredits(await listCollectCredits(ctx.db, ctx.workspace, by))
  }
}

function summarise(first: DayRow, rows: readonly DayRow[]): CollectTime {
  const byDay = new Map<number, number>()
  for (const r of rows) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.payments)
  const distribution = [...byDay]
    .sort(([a], [b]) => a - b)
    .map(([day, payments]) => ({ day, payments }))
  return {
    key: first.key,
    currency: first.currency,
    model: first.model,
    label: first.model === null ? null : MODEL_LABELS[first.model],
    payments: distribution.reduce((sum, d) => sum + d.payments, 0),
    medianDays: quantileDay(distribution, 0.5),
    p90Days: quantileDay(distribution, 0.9),
    distribution,
  }
}

/**
 * Days to collect (median, p90, distribution) per version, segment, step or channel and
 * currency, from the day histograms the outcomes job keeps. By step and channel, each
 * model's credited payments, side by side.
 */
export async function collectTimes(
  ctx: ServiceContext,
  by: CollectDimension = 'version',
): Promise<CollectTime[]> {
  const groups = new Map<string, DayRow[]>()
  for (const row of await dayRows(ctx, by)) {
    const id = `${row.model ?? ''}\u0000${row.key}\u0000${row.currency}`
    const list = groups.get(id) ?? []
    list.push(row)
    groups.set(id, list)
  }
  return [...groups.values()]
    .flatMap((rows) => (rows[0] ? [summarise(rows[0], rows)] : []))
    .sort(
      (a, b) =>
        a.key.localeCompare(b.key) ||
        a.currency.localeCompare(b.currency) ||
        (a.model ?? '').localeCompare(b.model ?? ''),
    )
}
