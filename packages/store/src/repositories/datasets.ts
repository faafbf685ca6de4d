import type { Insertable } from 'kysely'
import type { CustomerRecord, EventRecord, InvoiceRecord } from '@dun/engine'
import type { Db } from '../database.js'
import type {
  DatasetCustomersTable,
  DatasetEventsTable,
  DatasetInvoicesTable,
  DatasetRow,
  NewDatasetRow,
} from '../tables/datasets.table.js'

/**
 * Simulation datasets: historical rows kept apart from the live tables, so storing one
 * never opens a case. Rows are written as the engine's records and read back as them.
 */

export async function insertDataset(db: Db, row: NewDatasetRow): Promise<DatasetRow> {
  return db.insertInto('datasets').values(row).returningAll().executeTakeFirstOrThrow()
}

/** Invoices with their 1-based position among the dataset's invoices (their order in the file). */
export async function insertDatasetInvoices(
  db: Db,
  datasetId: string,
  rows: readonly { readonly rowNumber: number; readonly record: InvoiceRecord }[],
): Promise<void> {
  if (rows.length === 0) return
  const values: Insertable<DatasetInvoicesTable>[] = rows.map(({ rowNumber, record }) => ({
    dataset_id: datasetId,
    row_number: rowNumber,
    customer_id: record.customerId,
    invoice: JSON.stringify(record.invoice),
    paid_at: record.paidAt === null ? null : new Date(record.paidAt),
  }))
  await db.insertInto('dataset_invoices').values(values).execute()
}

export async function insertDatasetCustomers(
  db: Db,
  datasetId: string,
  records: readonly CustomerRecord[],
): Promise<void> {
  if (records.length === 0) return
  const values: Insertable<DatasetCustomersTable>[] = records.map((record) => ({
    dataset_id: datasetId,
    customer_id: record.customer.id,
    customer: JSON.stringify(record.customer),
    history: record.history === null ? null : JSON.stringify(record.history),
  }))
  await db.insertInto('dataset_customers').values(values).execute()
}

export async function insertDatasetEvents(
  db: Db,
  datasetId: string,
  rows: readonly { readonly rowNumber: number; readonly event: EventRecord }[],
): Promise<void> {
  if (rows.length === 0) return
  const values: Insertable<DatasetEventsTable>[] = rows.map(({ rowNumber, event }) => ({
    dataset_id: datasetId,
    row_number: rowNumber,
    event: JSON.stringify(event),
  }))
  await db.insertInto('dataset_events').values(values).execute()
}

/** Newest first. */
export async function listDatasets(db: Db, workspace: string): Promise<DatasetRow[]> {
  return db
    .selectFrom('datasets')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('created_at', 'desc')
    .orderBy('name')
    .execute()
}

export async function findDataset(
  db: Db,
  workspace: string,
  id: string,
): Promise<DatasetRow | undefined> {
  return db
    .selectFrom('datasets')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findDatasetByName(
  db: Db,
  workspace: string,
  name: string,
): Promise<DatasetRow | undefined> {
  return db
    .selectFrom('datasets')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('name', '=', name)
    .executeTakeFirst()
}

/** In file order. */
export async function datasetInvoices(db: Db, datasetId: string): Promise<InvoiceRecord[]> {
  const rows = await db
    .selectFrom('dataset_invoices')
    .select(['customer_id', 'invoice', 'paid_at'])
    .where('dataset_id', '=', datasetId)
    .orderBy('row_number')
    .execute()
  return rows.map((row) => ({
    customerId: row.customer_id,
    invoice: row.invoice,
    paidAt: row.paid_at?.getTime() ?? null,
  }))
}

export async function datasetCustomers(db: Db, datasetId: string): Promise<CustomerRecord[]> {
  const rows = await db
    .selectFrom('dataset_customers')
    .select(['customer', 'history'])
    .where('dataset_id', '=', datasetId)
    .orderBy('customer_id')
    .execute()
  return rows.map((row) => ({ customer: row.customer, history: row.history }))
}

/** In file order. */
export async function datasetEvents(db: Db, datasetId: string): Promise<EventRecord[]> {
  const rows = await db
    .selectFrom('dataset_events')
    .select('event')
    .where('dataset_id', '=', datasetId)
    .orderBy('row_number')
    .execute()
  return rows.map((row) => row.event)
}
