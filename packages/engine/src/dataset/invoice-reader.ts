import { z } from 'zod'
import { customerFacts, historyFacts, invoiceFacts } from '../facts/input.js'
import { DEFAULT_MAPPING, type ColumnMapping } from './column-mapping.js'
import { csvRecords, type RowCompiler } from './csv-records.js'
import {
  datasetRead,
  type DatasetRead,
  type ReadContext,
  type ReadOptions,
} from './dataset-read.js'
import { ColumnProblem, optionalField } from './field-reader.js'
import { datasetFormatOf, type DatasetFormat } from './format.js'
import { invoiceRow } from './invoice-row.js'
import { jsonlRecords } from './jsonl-records.js'
import type { InvoiceRecord } from './records.js'
import type { TextSource } from './text-source.js'

export interface InvoiceReadOptions extends ReadOptions {
  /** CSV or JSON lines; by default from the file name's extension. */
  readonly format?: DatasetFormat
  /** For CSV: how columns map to fields; our own column names by default. */
  readonly mapping?: ColumnMapping
  /**
   * For CSV: build only the invoices of the customers this accepts (a worker's share of a
   * large file). Other rows are read no further than their customer id and issue date:
   * they are neither records nor row errors. `summary.sortedByIssuedAt` then tells whether
   * every row with a readable issue date, built or not, came in order.
   */
  readonly only?: (customerId: string) => boolean
  /**
   * With `only`: whether rows that cannot be split cleanly and name no customer are this
   * reader's to report (such rows with a customer id go to that customer's reader). One
   * reader of a file read in parts says yes, so each bad row is reported once.
   */
  readonly reportsUnattributed?: boolean
  /**
   * Told every data row's invoice id, in file order, built or not (a row of another part,
   * a row with a bad cell), with its issue date when readable; rows whose id cannot be
   * read are not told. Lets an events file listed in the invoices' order be read beside.
   */
  readonly onRow?: RowListener
}

export type RowListener = (invoiceId: string, issuedAt: number | null) => void

/**
 * Streams invoices from CSV (through a column mapping) or JSON lines. The summary says
 * whether they arrived sorted by issue date, which lets the simulator stream instead of
 * sorting first.
 */
export function readInvoices(
  source: TextSource,
  options: InvoiceReadOptions,
): DatasetRead<InvoiceRecord> {
  const format = options.format ?? datasetFormatOf(options.file)
  const { only, onRow } = options
  return datasetRead(options, (context) => {
    const rows = only ? onlyRows(only, options.reportsUnattributed === true, context) : invoiceRow
    return checkOrder(
      format === 'csv'
        ? csvRecords(
            source,
            options.mapping ?? DEFAULT_MAPPING,
            onRow ? listedRows(rows, onRow) : rows,
            context,
          )
        : jsonlRecords(source, invoiceLine, onRow ? listedLine(onRow) : fromLine, context),
      context,
    )
  })
}

/** Tells `onRow` of every row: built ones with their issue date, the others by id alone. */
function listedRows(
  compile: RowCompiler<InvoiceRecord>,
  onRow: RowListener,
): RowCompiler<InvoiceRecord> {
  return (source) => {
    const build = compile(source)
    const quiet = { ...source, missing: [] }
    const invoiceId = optionalField(
      'string',
      'invoice_id',
      source.mapping.invoice.invoice_id,
      quiet,
    )
    const tellId = (row: readonly string[]) => {
      const id = readable(() => invoiceId(row, ''))
      if (id !== null && id !== '') onRow(id, null)
    }
    const listed = (row: readonly string[]) => {
      let record: InvoiceRecord | null
      try {
        record = build(row)
      } catch (problem) {
        tellId(row)
        throw problem
      }
      if (record === null) tellId(row)
      else onRow(record.invoice.id, record.invoice.issued_at)
      return record
    }
    return build.reports ? Object.assign(listed, { reports: build.reports }) : listed
  }
}

function listedLine(onRow: RowListener) {
  return (line: z.output<typeof invoiceLine>): InvoiceRecord => {
    const record = fromLine(line)
    onRow(record.invoice.id, record.invoice.issued_at)
    return record
  }
}

/** Builds the rows of the customers `only` accepts; every row's issue date is checked for order. */
function onlyRows(
  only: (customerId: string) => boolean,
  reportsUnattributed: boolean,
  context: ReadContext,
): RowCompiler<InvoiceRecord> {
  return (source) => {
    const build = invoiceRow(source)
    const spec = source.mapping.invoice
    // invoiceRow has reported the missing columns already
    const quiet = { ...source, missing: [] }
    const customerId = optionalField('string', 'customer_id', spec.customer_id, quiet)
    const issuedAt = optionalField('date', 'issued_at', spec.issued_at, quiet)
    let previous = -Infinity
    const onlyRow = (row: readonly string[]) => {
      const at = readable(() => issuedAt(row, ''))
      if (at !== null) {
        if (at < previous) context.summary.sortedByIssuedAt = false
        previous = at
      }
      return only(customerId(row, '') ?? '') ? build(row) : null
    }
    const reports = (row: readonly string[]) => {
      const id = readable(() => customerId(row, ''))
      return id === null || id === '' ? reportsUnattributed : only(id)
    }
    return Object.assign(onlyRow, { reports })
  }
}

function readable<T>(read: () => T | null): T | null {
  try {
    return read()
  } catch (problem) {
    if (problem instanceof ColumnProblem) return null
    throw problem
  }
}

async function* checkOrder(
  batches: AsyncIterable<InvoiceRecord[]>,
  context: ReadContext,
): AsyncGenerator<InvoiceRecord[]> {
  let previous = -Infinity
  for await (const batch of batches) {
    for (const record of batch) {
      if (record.invoice.issued_at < previous) context.summary.sortedByIssuedAt = false
      previous = record.invoice.issued_at
    }
    yield batch
  }
}

/**
 * One invoice per JSON line, shaped like InvoiceRecord with snake_case keys:
 * `{"customer_id", "paid_at", "invoice": {…}, "customer"?: {…}, "history"?: {…}}`.
 * The customer's id and currency default to the invoice's.
 */
const invoiceLine = z.object({
  customer_id: z.string().min(1),
  paid_at: z.iso
    .datetime({ offset: true })
    .transform((text) => Date.parse(text))
    .nullable()
    .default(null),
  invoice: invoiceFacts,
  customer: customerFacts.partial({ id: true, currency: true }).optional(),
  history: historyFacts.nullable().default(null),
})

function fromLine(line: z.output<typeof invoiceLine>): InvoiceRecord {
  const customer = customerFacts.parse({
    id: line.customer_id,
    currency: line.invoice.currency,
    ...line.customer,
  })
  return {
    customerId: line.customer_id,
    paidAt: line.paid_at,
    invoice: line.invoice,
    customer: { customer, history: line.history },
  }
}
