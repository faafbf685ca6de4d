import { z } from 'zod'
import { customerFacts, historyFacts, invoiceFacts } from '../facts/input.js'
import { DEFAULT_MAPPING, type ColumnMapping } from './column-mapping.js'
import { csvRecords } from './csv-records.js'
import {
  datasetRead,
  type DatasetRead,
  type ReadContext,
  type ReadOptions,
} from './dataset-read.js'
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
}

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
  return datasetRead(options, (context) =>
    checkOrder(
      format === 'csv'
        ? csvRecords(source, options.mapping ?? DEFAULT_MAPPING, invoiceRow, context)
        : jsonlRecords(source, invoiceLine, fromLine, context),
      context,
    ),
  )
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
