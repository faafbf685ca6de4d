import { createHash } from 'node:crypto'
import { DECLINE_CODES } from '@dun/engine'
import type { ChargeRequest, ChargeResult, PaymentGateway } from './gateway.js'

export interface SimulatedGatewayOptions {
  readonly seed?: string
  /** Share of charges that succeed on the default method; backup methods do a little better. */
  readonly successRate?: number
}

/**
 * Declines as issuers send them, most soft: the simulated mix leans on insufficient funds
 * like real card portfolios do, with a few hard declines that stop retries.
 */
const DECLINE_MIX = [
  'insufficient_funds',
  'insufficient_funds',
  'insufficient_funds',
  'do_not_honor',
  'generic_decline',
  'try_again_later',
  'expired_card',
  'lost_card',
] as const

/**
 * A deterministic gateway for trials and tests: the outcome is a seeded hash of the invoice
 * and the attempt (its idempotency key), so the same attempt always gets the same answer
 * and nothing real is charged.
 */
export function simulatedGateway({
  seed = 'dun',
  successRate = 0.35,
}: SimulatedGatewayOptions = {}): PaymentGateway {
  return {
    name: 'simulated',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const digest = createHash('sha256')
        .update(`${seed}\u0000${request.invoice.id}\u0000${request.idempotencyKey}`)
        .digest()
      const roll = digest.readUInt32BE(0) / 2 ** 32
      const chargeId = `sim_${digest.toString('hex').slice(8, 32)}`
      const rate = request.methods === 'backup' ? Math.min(1, successRate + 0.15) : successRate
      if (roll < rate) return { ok: true, chargeId }
      const declineCode = DECLINE_MIX[digest.readUInt32BE(4) % DECLINE_MIX.length]!
      return { ok: false, chargeId, declineCode, declineClass: DECLINE_CODES[declineCode]!.class }
    },
  }
}
