import {
  DatasetError,
  readCustomers,
  readInvoices,
  type ColumnMapping,
  type CustomerRecord,
  type InvoiceRecord,
  type RowError,
  type TextSource,
} from '@dun/engine'
import {
  findCustomers,
  invoiceRow,
  markCustomersDue,
  upsertCustomers as storeCustomers,
  upsertInvoices as storeInvoices,
  type Db,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { MAX_BATCH } from './parse-batch.js'

/** A file to import: its text and its name (for messages and to tell CSV from JSON lines). */
export interface ImportFile {
  readonly file: string
  readonly text: TextSource
}

export interface ImportInput {
  readonly invoices: ImportFile
  readonly customers?: ImportFile
  readonly mapping?: ColumnMapping
  /** How many row errors the result keeps (all are counted); 20 by default. */
  readonly keepErrors?: number
  /** Called as invoice rows are read, with how many so far. */
  readonly onRows?: (rows: number) => void
}

export type ImportResult =
  | { readonly imported: true; readonly customers: number; readonly invoices: number }
  | {
      readonly imported: false
      readonly errorCount: number
      /** The first row errors, each naming its file, row and column. */
      readonly errors: readonly RowError[]
    }

/**
 * Imports invoices (and customers) into the LIVE tables from the simulator's file formats
 * (CSV through a column mapping, or JSON lines): the data a business starts dunning from.
 * Simulation datasets live in their own tables, so this is the only path from a file to
 * dunning. All or nothing: with any row error nothing is written and the errors are
 * returned; otherwise everything is written in one transaction, in batches, and the
 * customers become due so the scheduler opens their cases.
 */
export async function importLive(ctx: ServiceContext, input: ImportInput): Promise<ImportResult> {
  const keep = input.keepErrors ?? 20
  const errors: RowError[] = []
  let errorCount = 0
  const onRowError = (error: RowError) => {
    errorCount++
    if (errors.length < keep) errors.push(error)
  }
  const customers = input.customers
    ? await collect(
        readCustomers(input.customers.text, {
          file: input.customers.file,
          mapping: input.mapping,
          keepErrors: 0,
          onRowError,
        }),
      )
    : []
  const invoices = await collect(
    readInvoices(input.invoices.text, {
      file: input.invoices.file,
      mapping: input.mapping,
      keepErrors: 0,
      onRowError,
    }),
    input.onRows,
  )
  if (errorCount > 0) return { imported: false, errorCount, errors }
  const written = await ctx.db.transaction().execute((trx) => write(trx, ctx, customers, invoices))
  return { imported: true, ...written }
}

async function write(
  trx: Db,
  ctx: ServiceContext,
  customers: readonly CustomerRecord[],
  invoices: readonly InvoiceRecord[],
): Promise<{ customers: number; invoices: number }> {
  // A later row for the same id wins, as it would row by row (and one statement cannot
  // upsert the same key twice).
  const latest = [...new Map(invoices.map((record) => [record.invoice.id, record])).values()]
  const all = await withInvoiceCustomers(trx, ctx.workspace, customers, latest)
  for (const batch of batches(all)) await storeCustomers(trx, ctx.workspace, batch)
  for (const batch of batches(latest)) {
    await storeInvoices(
      trx,
      batch.map((record) => invoiceRow(ctx.workspace, record.customerId, record.invoice)),
    )
  }
  const ids = all.map((record) => record.customer.id)
  for (const batch of batches(ids)) await markCustomersDue(trx, ctx.workspace, batch, now(ctx))
  return { customers: all.length, invoices: latest.length }
}

/**
 * The customers file's customers, plus — for an invoice whose customer is neither in the
 * file nor already stored — the customer as the invoice row describes it. A stored
 * customer is never overwritten by what an invoice row implies.
 */
async function withInvoiceCustomers(
  trx: Db,
  workspace: string,
  customers: readonly CustomerRecord[],
  invoices: readonly InvoiceRecord[],
): Promise<CustomerRecord[]> {
  const byId = new Map(customers.map((record) => [record.customer.id, record] as const))
  const implied = new Map<string, CustomerRecord>()
  for (const record of invoices) {
    if (!byId.has(record.customerId) && record.customer)
      implied.set(record.customerId, record.customer)
  }
  const stored = new Set<string>()
  for (const batch of batches([...implied.keys()])) {
    for (const row of await findCustomers(trx, workspace, batch)) stored.add(row.id)
  }
  return [...byId.values(), ...[...implied].filter(([id]) => !stored.has(id)).map(([, c]) => c)]
}

async function collect<T>(read: AsyncIterable<T>, onRows?: (rows: number) => void): Promise<T[]> {
  const all: T[] = []
  try {
    for await (const record of read) {
      all.push(record)
      if (all.length % MAX_BATCH === 0) onRows?.(all.length)
    }
  } catch (error) {
    if (error instanceof DatasetError) {
      throw new ServiceError('invalid_input', error.message, {
        field: error.file,
        hint: error.hint,
      })
    }
    throw error
  }
  onRows?.(all.length)
  return all
}

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += MAX_BATCH) {
    yield items.slice(start, start + MAX_BATCH)
  }
}

function now(ctx: ServiceContext): Date {
  return ctx.now?.() ?? new Date()
}
