import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { CustomerFacts, DunningEvent, HistoryFacts, InvoiceFacts } from '@dun/engine'

/** Historical data for simulation, kept apart from live invoices: importing never starts dunning. */
export interface DatasetsTable {
  workspace_id: string
  id: Generated<string>
  name: string
  source: string
  invoice_count: number
  error_count: number
  sorted: boolean
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface DatasetInvoicesTable {
  dataset_id: string
  row_number: number
  customer_id: string
  invoice: ColumnType<InvoiceFacts, InvoiceFacts | string, never>
  paid_at: ColumnType<Date | null, Date | string | null, never>
}

export interface DatasetCustomersTable {
  dataset_id: string
  customer_id: string
  customer: ColumnType<CustomerFacts, CustomerFacts | string, never>
  history: ColumnType<HistoryFacts | null, HistoryFacts | string | null, never>
}

export interface DatasetEventsTable {
  dataset_id: string
  row_number: number
  event: ColumnType<DunningEvent, DunningEvent | string, never>
}

export type DatasetRow = Selectable<DatasetsTable>
export type NewDatasetRow = Insertable<DatasetsTable>
