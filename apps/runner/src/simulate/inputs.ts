import { createReadStream } from 'node:fs'
import {
  customerFacts,
  DatasetError,
  EventsByInvoice,
  datasetFormatOf,
  inPartition,
  readCustomers,
  readEvents,
  readInvoices,
  ReadAgain,
  RowErrorTally,
  type ColumnMapping,
  type CustomerRecord,
  type DatasetRead,
  type InvoiceRecord,
  type Partition,
  type SimulationSource,
} from '@dun/engine'
import { CliError } from '../cli-error.js'
import { cannotRead, countBytes, fileSize, readMappingFile } from '../input-files.js'

export interface InputFiles {
  readonly invoices: string
  readonly mapping?: string
  readonly customers?: string
  readonly events?: string
}

export interface InputSource extends SimulationSource {
  /** The last opened invoices were one partition's rows only: the reports count those. */
  readonly partial: () => boolean
}

/**
 * Opens the simulation's files as a `SimulationSource`. Customers and events are read up
 * front (they are looked up by id); invoices stream, and are opened again if they turn
 * out unsorted. `onBytes` reports how far into the invoices file reading has got.
 */
export async function openInputs(
  files: InputFiles,
  onBytes: (read: number, total: number) => void,
  partition: Partition | null = null,
): Promise<InputSource> {
  const mapping = files.mapping ? await readMappingFile('simulate', files.mapping) : undefined
  const readOnce = new RowErrorTally()
  // a part simulates only its own customers: the others are read (for their row errors), not kept
  const customerById = new Map<string, CustomerRecord>()
  if (files.customers) {
    const read = readCustomers(
      await openText(files.customers),
      errorsTo(files.customers, readOnce, mapping),
    )
    for await (const batch of rethrowDatasetErrors(read.batches())) {
      for (const record of batch) {
        const id = record.customer.id
        if (partition === null || inPartition(id, partition)) customerById.set(id, record)
      }
    }
  }
  const eventsByInvoice = new EventsByInvoice()
  if (files.events) {
    const read = readEvents(await openText(files.events), errorsTo(files.events, readOnce))
    for await (const batch of rethrowDatasetErrors(read.batches())) {
      for (const event of batch) eventsByInvoice.add(event)
    }
  }
  const size = await fileSize('simulate', files.invoices)
  let invoiceErrors = readOnce.clone()
  let partial = false
  return {
    invoices: (partition) => {
      partial = partition !== null && datasetFormatOf(files.invoices) === 'csv'
      // a part that reads only its own rows counts the other files' errors in part 0 only
      invoiceErrors = partial && partition?.index !== 0 ? new RowErrorTally() : readOnce.clone()
      const stream = countBytes(createReadStream(files.invoices, 'utf8'), size, onBytes)
      const options = errorsTo(files.invoices, invoiceErrors, mapping)
      if (!partial || !partition)
        return rethrowDatasetErrors(readInvoices(stream, options).batches())
      const only = (customerId: string) => inPartition(customerId, partition)
      const reportsUnattributed = partition.index === 0
      return vouchedFor(readInvoices(stream, { ...options, only, reportsUnattributed }))
    },
    partial: () => partial,
    customerFor: (record) => customerById.get(record.customerId) ?? derivedCustomer(record),
    eventsFor: (invoiceId) => eventsByInvoice.of(invoiceId),
    rowErrors: () => invoiceErrors.summary(),
  }
}

function errorsTo(file: string, tally: RowErrorTally, mapping?: ColumnMapping) {
  return { file, mapping, keepErrors: 0, onRowError: tally.add.bind(tally) }
}

/** Without a customers file (or a row for this customer): what the invoice row says, else defaults. */
function derivedCustomer(record: InvoiceRecord): CustomerRecord {
  return (
    record.customer ?? {
      customer: customerFacts.parse({ id: record.customerId, currency: record.invoice.currency }),
      history: null,
    }
  )
}

async function openText(file: string): Promise<AsyncIterable<string>> {
  await fileSize('simulate', file)
  return createReadStream(file, 'utf8')
}

/**
 * A part's own rows, when they stand for the whole file: every row in order by issue date,
 * and some usable row in the part (else only the whole file can say whether any is usable).
 */
async function* vouchedFor(
  read: DatasetRead<InvoiceRecord>,
): AsyncGenerator<readonly InvoiceRecord[]> {
  try {
    yield* read.batches()
  } catch (error) {
    if (error instanceof DatasetError && error.code === 'no_usable_rows')
      throw new ReadAgain('no usable row among this part’s customers')
    throw asCliError(error)
  }
  if (!read.summary.sortedByIssuedAt) throw new ReadAgain('the rows are not sorted by issue date')
}

/** Whole-file problems (a missing column, no usable row) end the command in one line. */
async function* rethrowDatasetErrors<T>(read: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* read
  } catch (error) {
    throw asCliError(error)
  }
}

function asCliError(error: unknown, file?: string): Error {
  if (error instanceof CliError) return error
  if (error instanceof DatasetError) return new CliError(`simulate: ${error.message}`)
  if (file && (error as NodeJS.ErrnoException).code) return cannotRead('simulate', file, error)
  return error as Error
}
