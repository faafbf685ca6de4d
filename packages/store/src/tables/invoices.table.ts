import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/** Live invoices. Money in integer minor units; `balance` 0 or less means settled. */
export interface InvoicesTable {
  workspace_id: string
  id: string
  customer_id: string
  amount_due: number
  balance: number
  currency: string
  issued_at: ColumnType<Date, Date | string, Date | string>
  due_at: ColumnType<Date, Date | string, Date | string>
  status: 'open' | 'paid' | 'void' | 'uncollectible'
  disputed: boolean
  attempts: number
  last_decline_code: string | null
  last_decline_class: 'hard' | 'soft' | null
  first_failed_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  subscription_id: string | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type InvoiceRow = Selectable<InvoicesTable>
export type NewInvoiceRow = Insertable<InvoicesTable>
export type InvoiceUpdate = Updateable<InvoicesTable>
