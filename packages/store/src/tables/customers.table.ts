import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'
import type { CustomerFacts, HistoryFacts } from '@dun/engine'

/** Live customers (never simulation data). Facts are stored as validated JSON. */
export interface CustomersTable {
  workspace_id: string
  id: string
  facts: ColumnType<CustomerFacts, CustomerFacts | string, CustomerFacts | string>
  history: ColumnType<
    HistoryFacts | null,
    HistoryFacts | string | null,
    HistoryFacts | string | null
  >
  created_at: ColumnType<Date, Date | string | undefined, never>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type CustomerRow = Selectable<CustomersTable>
export type NewCustomerRow = Insertable<CustomersTable>
export type CustomerUpdate = Updateable<CustomersTable>
