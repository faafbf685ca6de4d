import { createReadStream } from 'node:fs'
import {
  customerFacts,
  DatasetError,
  EventsBeside,
  EventsByInvoice,
  datasetFormatOf,
  inPartition,
  readCustomers,
  readEvents,
  readInvoices,
  ReadAgain,
  RowErrorTally,
  RowsRead,
  type ColumnMapping,
  type CustomerRecord,
  type EventRecord,
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
 * Opens the simulation's files as a `SimulationSource`. Customers are read up front (they
 * are looked up by id). Invoices stream, and are opened again if they turn out unsorted;
 * the events file streams beside them when it lists the invoices' events in the invoices'
 * order, else it is read whole the next time round. `onBytes` reports how far into the
 * invoices file reading has got.
 */
export async function openInputs(
  files: InputFiles,
  onBytes: (read: number, total: number) => void,
  partition: Partition | null = null,
): Promise<InputSource> {
  const mapping = files.mapping ? await readMappingFile('simulate', files.mapping) : undefined
  const customersErrors = new RowErrorTally()
  // a part simulates only its own customers: the others are read (for their row errors), not kept
  const customerById = new Map<string, CustomerRecord>()
  if (files.customers) {
    const read = readCustomers(
      await openText(files.customers),
      errorsTo(files.customers, customersErrors, mapping),
    )
    for await (const batch of rethrowDatasetErrors(read.batches())) {
      for (const record of batch) {
        const id = record.customer.id
        if (partition === null || inPartition(id, partition)) customerById.set(id, record)
      }
    }
  }
  if (files.events) await fileSize('simulate', files.events)
  const size = await fileSize('simulate', files.invoices)
  // once the events file turns out not to list the invoices' events in their order, every
  // later pass reads it whole first
  let eventsWhole = false
  let events: { of: (invoiceId: string) => readonly EventRecord[] } = new EventsByInvoice()
  let otherErrors = customersErrors
  let invoiceErrors = new RowErrorTally()
  let partial = false
  return {
    invoices: (partition) => {
      partial = partition !== null && datasetFormatOf(files.invoices) === 'csv'
      // the files every part reads whole have their errors counted by part 0 alone
      const countsOthers = !partial || partition?.index === 0
      otherErrors = countsOthers ? customersErrors.clone() : new RowErrorTally()
      const eventsErrors = countsOthers ? otherErrors : new RowErrorTally()
      invoiceErrors = new RowErrorTally()
      const stream = countBytes(createReadStream(files.invoices, 'utf8'), size, onBytes)
      const options = errorsTo(files.invoices, invoiceErrors, mapping)
      const rows = new RowsRead()
      const beside = files.events && !eventsWhole
      const read = readInvoices(stream, {
        ...options,
        onRow: beside ? rows.add : undefined,
        ...(partial && partition
          ? {
              only: (customerId: string) => inPartition(customerId, partition),
              reportsUnattributed: partition.index === 0,
            }
          : {}),
      })
      const invoices = partial ? vouchedFor(read) : rethrowDatasetErrors(read.batches())
      if (!files.events) return invoices
      const eventsRead = () =>
        rethrowDatasetErrors(
          readEvents(
            createReadStream(files.events!, 'utf8'),
            errorsTo(files.events!, eventsErrors),
          ).batches(),
        )
      if (!beside) return holdingEvents(eventsRead(), invoices, (held) => (events = held))
      const aligned = new EventsBeside(eventsRead())
      events = aligned
      return besideEvents(invoices, rows, aligned, () => (eventsWhole = true))
    },
    partial: () => partial,
    customerFor: (record) => customerById.get(record.customerId) ?? derivedCustomer(record),
    eventsFor: (invoiceId) => events.of(invoiceId),
    rowErrors: () => otherErrors.plus(invoiceErrors).summary(),
  }
}

/** The invoices, each batch with its events read beside it; not aligned, the events are held next time. */
async function* besideEvents(
  invoices: AsyncIterable<readonly InvoiceRecord[]>,
  rows: RowsRead,
  events: EventsBeside,
  holdNextTime: () => void,
): AsyncGenerator<readonly InvoiceRecord[]> {
  try {
    for await (const batch of invoices) {
      await events.pass(rows, batch)
      rows.clear()
      yield batch
    }
    await events.pass(rows, [])
    await events.finish()
  } catch (error) {
    if (error instanceof ReadAgain && !error.wholeFile) holdNextTime()
    throw error
  } finally {
    await events.close()
  }
}

/** The whole events file read into memory before the invoices stream. */
async function* holdingEvents(
  eventsRead: AsyncIterable<readonly EventRecord[]>,
  invoices: AsyncIterable<readonly InvoiceRecord[]>,
  hold: (events: EventsByInvoice) => void,
): AsyncGenerator<readonly InvoiceRecord[]> {
  const held = new EventsByInvoice()
  for await (const batch of eventsRead) for (const event of batch) held.add(event)
  hold(held)
  yield* invoices
}

function errorsTo(file: string, tally: RowErrorTally, mapping?: ColumnMapping) {
  // the tally keeps the errors; the reader keeps one, to name it if no row can be used
  return { file, mapping, keepErrors: 1, onRowError: tally.add.bind(tally) }
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
