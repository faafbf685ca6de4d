import type { Action } from '@dun/engine'
import { email, sms, type HistoryCase } from './outcomes-history.js'

/**
 * A history with a known effect: customers of one segment are split at random between an
 * SMS and an email on day 3; those who got the SMS pay within the following 3 days
 * `effect` more often (30% → 38% by default). Everyone also gets an email on day 0; half
 * of the rest pay on day 20, outside any last-touch window. A case closes when it is paid;
 * an unpaid one is written off on day 30 (dunning's involuntary churn). Seeded: the same
 * history every run.
 */
export interface PlantedEffect {
  readonly seed: number
  readonly casesPerArm: number
  readonly baseRate: number
  readonly effect: number
}

export const DEFAULT_PLANT: PlantedEffect = {
  seed: 6,
  casesPerArm: 2_000,
  baseRate: 0.3,
  effect: 0.08,
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const START = Date.parse('2026-01-05T00:00:00Z')
/** Payers who did not answer the day-3 nudge and pay anyway do so on this day. */
export const LATE_PAYMENT_DAY = 20
export const LATE_PAYMENT_SHARE = 0.5
const WRITE_OFF_DAY = 30
const WRITE_OFF: Action = { type: 'account', operation: 'write_off' }

/** mulberry32: small, fast and good enough to draw test histories from a seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export function plantedHistory(plant: PlantedEffect = DEFAULT_PLANT): HistoryCase[] {
  const next = random(plant.seed)
  const arms = [
    { step: 'sms-d3', action: sms('nudge'), rate: plant.baseRate + plant.effect },
    { step: 'email-d3', action: email('nudge'), rate: plant.baseRate },
  ]
  return arms.flatMap((arm) =>
    Array.from({ length: plant.casesPerArm }, (_, i): HistoryCase => {
      const opened = START + i * 7 * 60_000
      const nudgeAt = opened + 3 * DAY + HOUR
      const paysInWindow = next() < arm.rate
      // Drawn either way, so both arms consume the generator alike.
      const offset = next() * (3 * DAY - HOUR)
      const paysLate = next() < LATE_PAYMENT_SHARE
      const paidAt = paysInWindow
        ? nudgeAt + HOUR / 2 + offset
        : paysLate
          ? opened + LATE_PAYMENT_DAY * DAY
          : null
      const writtenOffAt = opened + WRITE_OFF_DAY * DAY
      return {
        invoiceId: `${arm.step}-${i}`,
        segment: 'smb',
        currency: 'USD',
        amountDue: 10_000,
        openedAt: new Date(opened),
        closedAt: new Date(paidAt ?? writtenOffAt),
        actions: [
          { stepId: 'e0', action: email('due'), decidedAt: new Date(opened + HOUR) },
          { stepId: arm.step, action: arm.action, decidedAt: new Date(nudgeAt) },
          ...(paidAt === null
            ? [{ stepId: 'w30', action: WRITE_OFF, decidedAt: new Date(writtenOffAt) }]
            : []),
        ],
        payments: paidAt === null ? [] : [{ at: new Date(paidAt), amount: null }],
      }
    }),
  )
}
