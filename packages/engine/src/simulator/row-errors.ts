import type { RowError } from '../dataset/records.js'
import type { RowErrorSummary } from './report.js'

/** How many row errors a report lists one by one; the rest are counted. */
export const FIRST_ROW_ERRORS = 20

/** Counts row errors per file and column and keeps the first few to show. */
export function summarizeRowErrors(
  errors: Iterable<RowError>,
  keep = FIRST_ROW_ERRORS,
): RowErrorSummary {
  const byColumn = new Map<string, { file: string; column: string; count: number }>()
  const first: RowError[] = []
  let total = 0
  for (const error of errors) {
    total += 1
    if (first.length < keep) first.push(error)
    const column = error.column ?? '(whole row)'
    const key = `${error.file}\u0000${column}`
    const line = byColumn.get(key)
    if (line) line.count += 1
    else byColumn.set(key, { file: error.file, column, count: 1 })
  }
  return {
    total,
    byColumn: [...byColumn.keys()].sort().map((key) => byColumn.get(key)!),
    first,
  }
}
