import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** Where Dun keeps a message itself instead of handing it to a provider. */
export type MessageTransport =
  /** An in-app notice, shown to the customer through the API. */
  | 'in_app'
  /** A trial's capture outbox: no real provider configured, nobody is contacted. */
  | 'capture'

export interface OutboxMessagesTable {
  workspace_id: string
  id: Generated<string>
  idempotency_key: string
  transport: MessageTransport
  channel: string
  customer_id: string
  invoice_ids: ColumnType<string[], string[], never>
  recipient: string | null
  subject: string
  body: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export type OutboxMessageRow = Selectable<OutboxMessagesTable>
export type NewOutboxMessageRow = Insertable<OutboxMessagesTable>
