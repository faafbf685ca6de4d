import type { ColumnType, Insertable, Selectable } from 'kysely'
import type { DunningEvent } from '@dun/engine'

/** Every outside event received, once: `event_key` makes re-sent events idempotent. */
export interface PaymentEventsTable {
  workspace_id: string
  event_key: string
  invoice_id: string
  type: DunningEvent['type']
  at: ColumnType<Date, Date | string, never>
  payload: ColumnType<DunningEvent, DunningEvent | string, never>
  received_at: ColumnType<Date, Date | string | undefined, never>
}

export type PaymentEventRow = Selectable<PaymentEventsTable>
export type NewPaymentEventRow = Insertable<PaymentEventsTable>
