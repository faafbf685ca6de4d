import { MODEL_LABELS } from '@dun/service'
import type { AttributionModel } from '@dun/store'

export const MODELS = Object.keys(MODEL_LABELS) as AttributionModel[]

/** Rows of figures keyed by key and currency, each holding one figure per model. */
export function byKeyAndCurrency<T extends { key: string; currency: string }>(
  figures: readonly T[],
  modelOf: (figure: T) => AttributionModel | null,
): { key: string; currency: string; models: Partial<Record<AttributionModel, T>> }[] {
  const rows = new Map<
    string,
    { key: string; currency: string; models: Partial<Record<AttributionModel, T>> }
  >()
  for (const figure of figures) {
    const model = modelOf(figure)
    if (!model) continue
    const id = `${figure.key}\u0000${figure.currency}`
    const row = rows.get(id) ?? { key: figure.key, currency: figure.currency, models: {} }
    row.models[model] = figure
    rows.set(id, row)
  }
  return [...rows.values()].sort(
    (a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency),
  )
}
