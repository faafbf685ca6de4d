import type { DatasetRow } from '@dun/store'

/** A stored dataset as lists and pickers show it. */
export interface DatasetSummary {
  readonly id: string
  readonly name: string
  /** The files it was read from. */
  readonly source: string
  readonly invoiceCount: number
  /** Rows of its files that could not be read and were left out. */
  readonly errorCount: number
  /** The invoices arrived sorted by issue date (the simulator streams them without sorting). */
  readonly sorted: boolean
  readonly createdAt: string
}

export function datasetSummary(row: DatasetRow): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    invoiceCount: row.invoice_count,
    errorCount: row.error_count,
    sorted: row.sorted,
    createdAt: row.created_at.toISOString(),
  }
}
