import type { CustomerFacts, InvoiceFacts, RetryPaymentAction } from '@dun/engine'
import type { ActionRow } from '@dun/store'
import type { ServiceContext } from '@dun/service'
import type { DeliveryRecord } from './delivery-record.js'
import type { DeliveryDeps } from './deps.js'
import type { RowResult } from './row-result.js'

/**
 * A payment retry: charge through the gateway with the action's idempotency key, then feed
 * the result back as a `payment_succeeded` / `payment_failed` event keyed
 * `<idempotency key>/result`, so a redelivered retry is charged and recorded once.
 */
export async function retryPayment(
  row: ActionRow,
  action: RetryPaymentAction,
  customer: CustomerFacts,
  invoice: InvoiceFacts,
  record: DeliveryRecord,
  ctx: ServiceContext,
  deps: DeliveryDeps,
  now: Date,
): Promise<RowResult> {
  if (invoice.status !== 'open' || invoice.balance <= 0) {
    return {
      kind: 'done',
      status: 'skipped',
      record,
      detail: `invoice ${invoice.id} is ${invoice.status} with balance ${invoice.balance}: nothing to charge`,
    }
  }
  const result = await deps.payments.charge({
    invoice,
    customer,
    amount: invoice.balance,
    methods: action.methods,
    idempotencyKey: row.idempotency_key,
  })
  const eventKey = `${row.idempotency_key}/result`
  const at = now.toISOString()
  await deps.recordEvent(
    ctx,
    result.ok
      ? {
          type: 'payment_succeeded',
          invoice_id: invoice.id,
          at,
          amount: invoice.balance,
          event_key: eventKey,
        }
      : {
          type: 'payment_failed',
          invoice_id: invoice.id,
          at,
          decline_code: result.declineCode,
          decline_class: result.declineClass,
          event_key: eventKey,
        },
  )
  return {
    kind: 'done',
    status: 'sent',
    record: {
      ...record,
      payment: {
        gateway: deps.payments.name,
        ok: result.ok,
        charge_id: result.chargeId,
        ...(result.ok
          ? {}
          : { decline_code: result.declineCode, decline_class: result.declineClass }),
        event_key: eventKey,
      },
    },
    detail: result.ok ? null : `declined: ${result.declineCode} (${result.declineClass})`,
  }
}
