import type { Channel } from '@dun/engine'
import type { ServiceContext } from '@dun/service'
import type { BillingSink } from '../channels/billing.js'
import type { MessageChannel } from '../channels/message.js'
import type { PaymentGateway } from '../payments/gateway.js'
import type { TemplateStore } from '../templates/template-store.js'

export interface RetryPolicy {
  /** Attempts before an action becomes a dead letter. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** Jitter source in [0, 1): `Math.random` in production, a constant in tests. */
  readonly random: () => number
}

/** Everything a delivery worker talks to; built from the environment by `channelsFromEnv`. */
export interface DeliveryDeps {
  readonly channels: Readonly<Record<Channel, MessageChannel>>
  readonly billing: BillingSink
  readonly payments: PaymentGateway
  readonly templates: TemplateStore
  /** The service's `recordEvent`: a payment retry's result re-enters as an event. */
  readonly recordEvent: (ctx: ServiceContext, input: unknown) => Promise<unknown>
  readonly retry: RetryPolicy
  readonly batchSize: number
  /** How long a claim holds a row, and how long a `sending` row waits before review. */
  readonly leaseMs: number
  /** Merge a customer's same-template emails of one pass into one email. */
  readonly consolidateEmail: boolean
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3_600_000,
  random: Math.random,
}
