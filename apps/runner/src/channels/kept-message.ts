import { storeMessages, type MessageTransport } from '@dun/store'
import type { ServiceContext } from '@dun/service'
import type { MessageChannel, OutgoingMessage, Receipt } from './message.js'

/**
 * Messages Dun keeps itself: in-app notices (the API shows them to the customer) and the
 * capture outbox that replaces a real provider in a trial, so a trial never contacts real
 * customers. Stored once per idempotency key and channel: idempotent.
 */
export function keptMessageChannel(transport: MessageTransport): MessageChannel {
  return {
    idempotent: true,
    async send(message: OutgoingMessage, ctx: ServiceContext): Promise<Receipt> {
      await storeMessages(ctx.db, [
        {
          workspace_id: ctx.workspace,
          idempotency_key: message.idempotencyKey,
          transport,
          channel: message.channel,
          customer_id: message.customer.id,
          invoice_ids: [...message.invoiceIds],
          recipient: recipientOf(message),
          subject: message.content.subject,
          body: message.content.text,
        },
      ])
      return { providerId: `${transport}:${message.idempotencyKey}`, transport }
    },
  }
}

function recipientOf({ channel, customer }: OutgoingMessage): string | null {
  switch (channel) {
    case 'email':
      return customer.email ?? null
    case 'sms':
      return customer.phone ?? null
    case 'letter':
      return customer.postal_address ?? null
    case 'webhook':
    case 'in_app':
      return null
  }
}
