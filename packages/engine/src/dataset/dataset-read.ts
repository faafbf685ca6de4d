import { DatasetError } from './dataset-error.js'
import type { RowError } from './records.js'

/** What reading a file found, filled in as the records stream; final once iteration ends. */
export interface ReadSummary {
  readonly file: string
  /** Data rows seen, blank lines aside. */
  rows: number
  /** Rows that became records. */
  records: number
  /** Every row error, counted; `errors` keeps the first `keepErrors` of them. */
  errorCount: number
  readonly errors: RowError[]
  /** Invoices only: every invoice was issued no earlier than the one before it. */
  sortedByIssuedAt: boolean
}

export interface ReadOptions {
  /** Name of the file, for messages; the readers never open files themselves. */
  readonly file: string
  /** How many row errors `summary.errors` keeps (all are counted); 100 by default. */
  readonly keepErrors?: number
  /** Called for every row error as it is found. */
  readonly onRowError?: (error: RowError) => void
}

/**
 * A file being read: iterate it (once) for records; its summary counts rows and errors.
 * Fatal problems with the whole file (a missing column, nothing usable) throw DatasetError
 * from the iteration.
 */
export interface DatasetRead<T> extends AsyncIterable<T> {
  readonly summary: ReadSummary
  /**
   * The same records a batch at a time (what one chunk of the file held), for a consumer
   * that keeps up with millions of rows: one await per batch, not per record.
   */
  batches(): AsyncIterable<readonly T[]>
}

/** Where a reader reports row errors and counts rows while producing batches of records. */
export interface ReadContext {
  readonly file: string
  readonly summary: ReadSummary
  rowError(row: number, column: string | null, message: string): void
}

export function datasetRead<T>(
  options: ReadOptions,
  batches: (context: ReadContext) => AsyncIterable<T[]>,
): DatasetRead<T> {
  const summary: ReadSummary = {
    file: options.file,
    rows: 0,
    records: 0,
    errorCount: 0,
    errors: [],
    sortedByIssuedAt: true,
  }
  const keep = options.keepErrors ?? 100
  const context: ReadContext = {
    file: options.file,
    summary,
    rowError(row, column, message) {
      const error: RowError = { file: options.file, row, column, message }
      summary.errorCount++
      if (summary.errors.length < keep) summary.errors.push(error)
      options.onRowError?.(error)
    },
  }
  let started = false
  async function* counted(): AsyncGenerator<T[]> {
    if (started) throw new Error(`${options.file} is already being read: a source streams once`)
    started = true
    for await (const batch of batches(context)) {
      summary.records += batch.length
      if (batch.length > 0) yield batch
    }
    if (summary.records === 0) throw noUsableRows(summary)
  }
  return {
    summary,
    batches: counted,
    async *[Symbol.asyncIterator]() {
      for await (const batch of counted()) yield* batch
    },
  }
}

function noUsableRows(summary: ReadSummary): DatasetError {
  const first = summary.errors[0]
  return new DatasetError(
    'no_usable_rows',
    summary.file,
    summary.rows === 0
      ? 'the file has no data rows'
      : `none of its ${summary.rows} rows could be read; the first problem: ${first ? describeRowError(first) : 'unknown'}`,
    summary.rows === 0
      ? 'check that this is the right file'
      : 'check the column mapping and the formats it names',
  )
}

/** One line for people: `invoices.csv row 17, column 'Due Date': '31/02/2024' is not a date…`. */
export function describeRowError(error: RowError): string {
  const column = error.column === null ? '' : `, column '${error.column}'`
  return `${error.file} row ${error.row}${column}: ${error.message}`
}
