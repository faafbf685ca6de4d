import { listRollups, type AttributionModel, type OutcomeDimension } from '@dun/store'
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
