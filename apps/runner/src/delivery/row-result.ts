import type { DeliveryError } from '../channels/message.js'
import type { DeliveryRecord } from './delivery-record.js'

/** How delivering one ledger row went, before retries and dead letters are decided. */
export type RowResult =
  | {
      readonly kind: 'done'
      readonly status: 'sent' | 'awaiting_person' | 'skipped'
      readonly record: DeliveryRecord
      readonly detail: string | null
    }
  | { readonly kind: 'error'; readonly error: DeliveryError; readonly record: DeliveryRecord }
