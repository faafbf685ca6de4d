import type { Channel, CustomerFacts } from '@dun/engine'
import type { ServiceContext } from '@dun/service'

/** A rendered message, ready for a channel. */
export interface MessageContent {
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** One message to one customer on one channel; it may cover several invoices (consolidated). */
export interface OutgoingMessage {
  readonly channel: Channel
  /** Passed to every provider that honours one; SMTP gets a Message-ID derived from it. */
  readonly idempotencyKey: string
  readonly customer: CustomerFacts
  readonly invoiceIds: readonly string[]
  readonly template: string
  readonly content: MessageContent
}

/** What a provider answered: its id for the message, and anything worth keeping. */
export interface Receipt {
  readonly providerId: string
  readonly transport: string
  readonly response?: unknown
}

export interface MessageChannel {
  /**
   * True when a resend with the same idempotency key cannot reach the customer twice. False
   * (SMTP) makes the worker mark the action `sending` before the attempt.
   */
  readonly idempotent: boolean
  send(message: OutgoingMessage, ctx: ServiceContext): Promise<Receipt>
}

/**
 * A delivery that did not happen. `permanent` failures (no template, no address) go
 * straight to the dead letters: retrying cannot fix them.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message)
  }
}
