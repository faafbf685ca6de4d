import { storeMessages } from '@dun/store'
import type { ServiceContext } from '@dun/service'
import type { Receipt } from './message.js'
import { providerIdOf } from './http-message.js'
import { postSigned, type SignedEndpoint } from './signed-post.js'

/**
 * An event for the billing system or the task inbox: account actions, late fees, payment
 * plans, partial-payment offers, escalations, and calls and tasks for people.
 */
export interface BillingEvent {
  /** `dunning.account`, `dunning.late_fee`, `task.opened`… */
  readonly type: string
  /** The ledger action's idempotency key: receivers de-duplicate on it. */
  readonly id: string
  readonly customer_id: string
  readonly invoice_id: string
  readonly step_id: string
  readonly description: string
  readonly action: unknown
  readonly occurred_at: string
}

export interface BillingSink {
  send(event: BillingEvent, ctx: ServiceContext): Promise<Receipt>
}

/** Signed POSTs to the billing webhook, idempotent through `Idempotency-Key`. */
export function billingWebhook(endpoint: SignedEndpoint): BillingSink {
  return {
    async send(event) {
      const response = await postSigned(endpoint, event, { idempotencyKey: event.id })
      return {
        providerId: providerIdOf(response.body, event.id),
        transport: 'billing-webhook',
        response: response.body,
      }
    },
  }
}

/** Without a billing URL (a trial), events land in the capture outbox instead. */
export function capturedBilling(): BillingSink {
  return {
    async send(event, ctx) {
      await storeMessages(ctx.db, [
        {
          workspace_id: ctx.workspace,
          idempotency_key: event.id,
          transport: 'capture',
          channel: 'billing',
          customer_id: event.customer_id,
          invoice_ids: [event.invoice_id],
          recipient: null,
          subject: `${event.type}: ${event.description}`,
          body: JSON.stringify(event, null, 2),
        },
      ])
      return { providerId: `capture:${event.id}`, transport: 'capture' }
    },
  }
}
