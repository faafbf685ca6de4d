import {
  DatasetError,
  readCustomers,
  readEvents,
  readInvoices,
  type ColumnMapping,
  type CustomerRecord,
  type EventRecord,
  type InvoiceRecord,
  type RowError,
} from '@dun/engine'
import {
  findDatasetByName,
  insertDataset,
  insertDatasetCustomers,
  insertDatasetEvents,
  insertDatasetInvoices,
  type Db,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import type { ImportFile } from '../ingest/import.js'
import { MAX_BATCH } from '../ingest/parse-batch.js'
import { datasetSummary, type DatasetSummary } from './dataset-summary.js'

export interface DatasetImportInput {
  /** Unique in the workspace: how people pick the dataset. */
  readonly name: string
  readonly invoices: ImportFile
  readonly customers?: ImportFile
  /** Payment events as JSON lines. */
  readonly events?: ImportFile
  /** For CSV files: how their columns map to fields. */
  readonly mapping?: ColumnMapping
  /** How many row errors the result lists (all are counted); 50 by default. */
  readonly keepErrors?: number
}

export interface DatasetImportResult {
  readonly dataset: DatasetSummary
  /** Rows left out, in every file. */
  readonly errorCount: number
  /** The first of them, each naming its file, row, column and reason. */
  readonly errors: readonly RowError[]
}

/**
 * Stores historical invoices (with optional customers and payment events) as a simulation
 * dataset, in its own tables: nothing here ever starts dunning anyone.
 *
 * Unlike a live import, a dataset keeps its usable rows when some rows are bad: a
 * simulation over 2,980 of 3,000 invoices still answers "what would this policy do?", and
 * the left-out rows are counted on the dataset and listed in the result. A whole-file
 * problem (a missing column, a bad mapping, no usable row) stores nothing.
 */
export async function importDataset(
  ctx: ServiceContext,
  input: DatasetImportInput,
): Promise<DatasetImportResult> {
  const name = input.name.trim()
  if (name === '' || name.length > 200) {
    throw new ServiceError('invalid_input', 'a dataset needs a name of 1 to 200 characters', {
      field: 'name',
      hint: 'name it after where the data comes from, e.g. "2023 card invoices"',
    })
  }
  if (await findDatasetByName(ctx.db, ctx.workspace, name)) {
    throw new ServiceError('conflict', `a dataset named "${name}" already exists`, {
      field: 'name',
      hint: 'choose another name',
    })
  }
  const errors = new ErrorList(input.keepErrors ?? 50)
  const read = { mapping: input.mapping, keepErrors: 0, onRowError: errors.add }
  const customers = input.customers
    ? await readAll(readCustomers(input.customers.text, { file: input.customers.file, ...read }))
    : []
  const events = input.events
    ? await readAll(readEvents(input.events.text, { file: input.events.file, ...read }))
    : []
  const invoiceRead = readInvoices(input.invoices.text, { file: input.invoices.file, ...read })
  const invoices = await readAll(invoiceRead)
  const row = await ctx.db.transaction().execute(async (trx) => {
    const dataset = await insertDataset(trx, {
      workspace_id: ctx.workspace,
      name,
      source: [input.invoices, input.customers, input.events]
        .flatMap((file) => (file ? [file.file] : []))
        .join(', '),
      invoice_count: invoices.length,
      error_count: errors.count,
      sorted: invoiceRead.summary.sortedByIssuedAt,
    })
    await writeRows(trx, dataset.id, withInvoiceCustomers(customers, invoices), invoices, events)
    return dataset
  })
  return { dataset: datasetSummary(row), errorCount: errors.count, errors: errors.first }
}

async function writeRows(
  trx: Db,
  id: string,
  customers: readonly CustomerRecord[],
  invoices: readonly InvoiceRecord[],
  events: readonly EventRecord[],
): Promise<void> {
  for (const batch of batches(customers)) await insertDatasetCustomers(trx, id, batch)
  const numbered = invoices.map((record, index) => ({ rowNumber: index + 1, record }))
  for (const batch of batches(numbered)) await insertDatasetInvoices(trx, id, batch)
  const events_ = events.map((event, index) => ({ rowNumber: index + 1, event }))
  for (const batch of batches(events_)) await insertDatasetEvents(trx, id, batch)
}

/**
 * The customers file's customers (a later row for the same id wins), plus, for an invoice
 * whose customer the file lacks, the customer as its invoice row describes it: the stored
 * dataset then holds every customer the simulation needs.
 */
function withInvoiceCustomers(
  customers: readonly CustomerRecord[],
  invoices: readonly InvoiceRecord[],
): CustomerRecord[] {
  const byId = new Map(customers.map((record) => [record.customer.id, record] as const))
  for (const record of invoices) {
    if (!byId.has(record.customerId) && record.customer) {
      byId.set(record.customerId, record.customer)
    }
  }
  return [...byId.values()]
}

/** Counts every row error, keeps the first few. */
class ErrorList {
  count = 0
  readonly first: RowError[] = []
  constructor(private readonly keep: number) {}
  readonly add = (error: RowError): void => {
    this.count++
    if (this.first.length < this.keep) this.first.push(error)
  }
}

async function readAll<T>(read: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  try {
    for await (const record of read) all.push(record)
  } catch (error) {
    if (error instanceof DatasetError) {
      throw new ServiceError('invalid_input', error.message, {
        field: error.file,
        hint: error.hint,
      })
    }
    throw error
  }
  return all
}

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += MAX_BATCH) {
    yield items.slice(start, start + MAX_BATCH)
  }
}
