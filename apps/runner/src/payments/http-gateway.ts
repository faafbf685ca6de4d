import { z } from 'zod'
import { canonicalDeclineCode, declineClassOf, DECLINE_CLASSES } from '@dun/engine'
import { DeliveryError } from '../channels/message.js'
import { postSigned, type SignedEndpoint } from '../channels/signed-post.js'
import type { ChargeRequest, ChargeResult, PaymentGateway } from './gateway.js'

/** What the operator's payment service answers; validated, since it enters from outside. */
const chargeResponse = z.union([
  z.object({ ok: z.literal(true), charge_id: z.string().min(1) }),
  z.object({
    ok: z.literal(false),
    charge_id: z.string().nullable().default(null),
    decline_code: z.string().min(1),
    decline_class: z.enum(DECLINE_CLASSES).optional(),
  }),
])

/**
 * Charges through the operator's payment service: a signed POST with the idempotency key
 * (header and body), answered with `{ ok: true, charge_id }` or
 * `{ ok: false, decline_code, decline_class? }` (class from Dun's decline table when absent).
 */
export function httpGateway(endpoint: SignedEndpoint): PaymentGateway {
  return {
    name: 'http',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const response = await postSigned(
        endpoint,
        {
          type: 'charge',
          idempotency_key: request.idempotencyKey,
          invoice_id: request.invoice.id,
          customer_id: request.customer.id,
          amount: request.amount,
          currency: request.invoice.currency,
          methods: request.methods,
        },
        { idempotencyKey: request.idempotencyKey },
      )
      const parsed = chargeResponse.safeParse(response.body)
      if (!parsed.success) {
        throw new DeliveryError(
          `payment gateway ${endpoint.url} answered an unexpected body (${parsed.error.issues[0]?.message ?? 'invalid'}): expected { ok, charge_id } or { ok: false, decline_code }`,
        )
      }
      const body = parsed.data
      if (body.ok) return { ok: true, chargeId: body.charge_id }
      const declineCode = canonicalDeclineCode(body.decline_code)
      return {
        ok: false,
        chargeId: body.charge_id,
        declineCode,
        declineClass: body.decline_class ?? declineClassOf(declineCode),
      }
    },
  }
}
