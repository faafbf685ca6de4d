import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Action, ActionType } from '@dun/engine'

export type ActionStatus =
  /** Decided, waiting for a delivery worker. */
  | 'pending'
  /** Marked before an attempt on a channel that cannot de-duplicate (SMTP). */
  | 'sending'
  | 'sent'
  /** Will be retried at `next_attempt_at`. */
  | 'failed'
  /** Out of attempts: needs a person. */
  | 'dead'
  /** Caught mid-send by a crash on a channel without idempotency: surfaced, not resent. */
  | 'review'
  /** A call or task handed to a person: done when they complete it through the API. */
  | 'awaiting_person'
  | 'skipped'
  | 'cancelled'

/** The ledger and outbox: one row per step per case; `idempotency_key` makes it exactly once. */
export interface DunningActionsTable {
  workspace_id: string
  id: Generated<string>
  case_id: string
  customer_id: string
  invoice_id: string
  step_id: string
  action: ColumnType<Action, Action | string, never>
  action_type: ActionType
  status: ActionStatus
  idempotency_key: string
  scheduled_at: ColumnType<Date, Date | string, never>
  decided_at: ColumnType<Date, Date | string, never>
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  provider_response: ColumnType<unknown, string | null | undefined, string | null>
  detail: string | null
  last_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export type ActionRow = Selectable<DunningActionsTable>
export type NewActionRow = Insertable<DunningActionsTable>
export type ActionUpdate = Updateable<DunningActionsTable>
