import { createHash } from 'node:crypto'
import nodemailer from 'nodemailer'
import {
  DeliveryError,
  type MessageChannel,
  type OutgoingMessage,
  type Receipt,
} from './message.js'

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`. */
  readonly url: string
  /** `Dun <billing@example.com>`. */
  readonly from: string
}

/**
 * Email over SMTP. SMTP has no idempotency: the worker marks the action `sending` before
 * calling this. The Message-ID is derived from the idempotency key, so if a message is ever
 * sent twice after a review, mail clients and the provider can recognise the duplicate.
 */
export function smtpEmailChannel({ url, from }: SmtpOptions): MessageChannel {
  const transport = nodemailer.createTransport(url)
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'dun.invalid'
  return {
    idempotent: false,
    async send(message: OutgoingMessage): Promise<Receipt> {
      const to = message.customer.email
      if (!to) {
        throw new DeliveryError(
          `customer ${message.customer.id} has no email address: add "email" to the customer`,
          true,
        )
      }
      const messageId = messageIdFor(message.idempotencyKey, domain)
      try {
        const info = await transport.sendMail({
          from,
          to,
          subject: message.content.subject,
          text: message.content.text,
          html: message.content.html,
          messageId,
          headers: { 'X-Dun-Idempotency-Key': message.idempotencyKey },
        })
        return { providerId: messageId, transport: 'smtp', response: String(info.response) }
      } catch (error) {
        throw new DeliveryError(`SMTP delivery to ${to} failed: ${(error as Error).message}`)
      }
    },
  }
}

export function messageIdFor(idempotencyKey: string, domain: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)
  return `<${digest}@${domain}>`
}
