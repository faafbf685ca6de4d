import type { CustomerFacts, DeclineClass, InvoiceFacts } from '@dun/engine'

export interface ChargeRequest {
  readonly invoice: InvoiceFacts
  readonly customer: CustomerFacts
  /** Minor units in the invoice's currency: the invoice's open balance. */
  readonly amount: number
  readonly methods: 'default' | 'backup'
  /** The same key for every attempt of one ledger action: gateways charge it once. */
  readonly idempotencyKey: string
}

export type ChargeResult =
  | { readonly ok: true; readonly chargeId: string }
  | {
      readonly ok: false
      readonly chargeId: string | null
      readonly declineCode: string
      readonly declineClass: DeclineClass
    }

/**
 * Charges a customer's payment method. A decline is a result, not an error; errors
 * (gateway down, timeout) throw a DeliveryError and the retry is retried with the same key.
 */
export interface PaymentGateway {
  readonly name: string
  charge(request: ChargeRequest): Promise<ChargeResult>
}
