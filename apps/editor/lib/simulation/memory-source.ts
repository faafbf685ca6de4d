import type { DatasetContents } from '@dun/service'
import {
  customerFacts,
  EventsByInvoice,
  type CustomerRecord,
  type InvoiceRecord,
  type SimulationSource,
} from '@dun/engine'

/** What the browser receives for a dataset: its rows as plain JSON (see loadDataset). */
export type DatasetPayload = Pick<DatasetContents, 'invoices' | 'customers' | 'events'> & {
  readonly errorCount: number
}

/**
 * A stored dataset as the simulator's source, all in memory. `onRead` is told how many
 * invoices have been read of how many, for a progress bar.
 */
export function memorySource(
  data: DatasetPayload,
  onRead: (read: number, total: number) => void,
): SimulationSource {
  const customers = new Map(data.customers.map((record) => [record.customer.id, record]))
  const events = new EventsByInvoice()
  for (const event of data.events) events.add(event)
  return {
    invoices: () => counted(data.invoices, onRead),
    customerFor: (record) => customers.get(record.customerId) ?? bareCustomer(record),
    eventsFor: (invoiceId) => events.of(invoiceId),
    // The dataset kept its usable rows; the bad ones were listed at upload, counted here.
    rowErrors: () => ({ total: data.errorCount, byColumn: [], first: [] }),
  }
}

/** Every invoice's customer is stored with the dataset; this covers hand-made payloads. */
function bareCustomer(record: InvoiceRecord): CustomerRecord {
  return {
    customer: customerFacts.parse({ id: record.customerId, currency: record.invoice.currency }),
    history: null,
  }
}

/** Invoices are handed over in batches of this many, the progress told before each. */
const BATCH = 100

async function* counted(
  invoices: readonly InvoiceRecord[],
  onRead: (read: number, total: number) => void,
): AsyncGenerator<readonly InvoiceRecord[]> {
  for (let start = 0; start < invoices.length; start += BATCH) {
    onRead(start, invoices.length)
    yield invoices.slice(start, start + BATCH)
  }
  onRead(invoices.length, invoices.length)
}
