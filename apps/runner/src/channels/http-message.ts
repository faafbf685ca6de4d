import type { ServiceContext } from '@dun/service'
import {
  DeliveryError,
  type MessageChannel,
  type OutgoingMessage,
  type Receipt,
} from './message.js'
import { postSigned, type SignedEndpoint } from './signed-post.js'

/**
 * SMS and webhook messages: a signed JSON POST to the operator's gateway, which owns the
 * actual SMS provider or customer integration. Idempotent through `Idempotency-Key`.
 */
export function httpMessageChannel(
  kind: 'sms' | 'webhook',
  endpoint: SignedEndpoint,
): MessageChannel {
  return {
    idempotent: true,
    async send(message: OutgoingMessage, _ctx: ServiceContext): Promise<Receipt> {
      const to = kind === 'sms' ? message.customer.phone : undefined
      if (kind === 'sms' && !to) {
        throw new DeliveryError(
          `customer ${message.customer.id} has no phone number: add "phone" to the customer`,
          true,
        )
      }
      const response = await postSigned(
        endpoint,
        {
          type: `message.${kind}`,
          id: message.idempotencyKey,
          customer_id: message.customer.id,
          invoice_ids: message.invoiceIds,
          template: message.template,
          language: message.customer.language,
          ...(to ? { to } : {}),
          subject: message.content.subject,
          text: message.content.text,
        },
        { idempotencyKey: message.idempotencyKey },
      )
      return {
        providerId: providerIdOf(response.body, message.idempotencyKey),
        transport: kind,
        response: response.body,
      }
    },
  }
}

/** The receiver's id for the message when it returns one (`{ "id": … }`), else our key. */
export function providerIdOf(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null && 'id' in body) {
    const id = (body as { id: unknown }).id
    if (typeof id === 'string' || typeof id === 'number') return String(id)
  }
  return fallback
}
