import type { ServiceContext } from '@dun/service'
import {
  DeliveryError,
  type MessageChannel,
  type OutgoingMessage,
  type Receipt,
} from './message.js'
import { renderLetterPdf } from './letter-pdf.js'
import { providerIdOf } from './http-message.js'
import { postSigned, type SignedEndpoint } from './signed-post.js'

/**
 * Letters: rendered to PDF here and POSTed (signed, base64 in JSON) to a mail-house
 * webhook that prints and posts them. Idempotent through `Idempotency-Key`.
 */
export function letterChannel(endpoint: SignedEndpoint): MessageChannel {
  return {
    idempotent: true,
    async send(message: OutgoingMessage, ctx: ServiceContext): Promise<Receipt> {
      const address = message.customer.postal_address
      if (!address) {
        throw new DeliveryError(
          `customer ${message.customer.id} has no postal address: add "postal_address" to the customer`,
          true,
        )
      }
      const date = new Intl.DateTimeFormat(message.customer.language, {
        dateStyle: 'long',
        timeZone: message.customer.timezone,
      }).format(ctx.now?.() ?? new Date())
      const pdf = await renderLetterPdf(message, date)
      const response = await postSigned(
        endpoint,
        {
          type: 'message.letter',
          id: message.idempotencyKey,
          customer_id: message.customer.id,
          invoice_ids: message.invoiceIds,
          address,
          subject: message.content.subject,
          pdf_base64: pdf.toString('base64'),
        },
        { idempotencyKey: message.idempotencyKey },
      )
      return {
        providerId: providerIdOf(response.body, message.idempotencyKey),
        transport: 'mail-house',
        response: response.body,
      }
    },
  }
}
