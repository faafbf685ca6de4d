import type { DeclineClass } from './decline-codes.js'
import { DECLINE_CODES } from './decline-codes.js'
import type { Random } from './random.js'
import type { Segment, SyntheticCustomer } from './synthetic-customer.js'

const DAY = 86_400_000

/** An event as written to the events file (the DunningEvent schema, instants as ms). */
export type SyntheticEvent =
  | { type: 'payment_failed'; at: number; decline_code: string; decline_class: DeclineClass }
  | { type: 'payment_succeeded'; at: number; amount: number }
  | { type: 'dispute_opened' | 'dispute_closed'; at: number }
  | { type: 'promise_to_pay'; at: number; until: number }

/** One generated invoice's whole history, as a billing export would show it afterwards. */
export interface SyntheticInvoice {
  readonly id: string
  readonly customer: SyntheticCustomer
  readonly amountDue: number
  readonly issuedAt: number
  readonly dueAt: number
  readonly paidAt: number | null
  readonly balance: number
  readonly disputed: boolean
  readonly failures: readonly { at: number; code: string }[]
  readonly events: readonly SyntheticEvent[]
}

/**
 * Shares of decline codes among failed card payments, after public processor reports:
 * insufficient funds and do-not-honor dominate; about a fifth are hard declines.
 */
const DECLINE_WEIGHTS = {
  insufficient_funds: 38,
  do_not_honor: 18,
  card_declined: 10,
  generic_decline: 4,
  expired_card: 12,
  processing_error: 3,
  try_again_later: 2,
  card_velocity_exceeded: 2,
  incorrect_cvc: 2,
  lost_card: 2,
  stolen_card: 1,
  pickup_card: 1,
  invalid_account: 2,
  fraudulent: 1,
  authentication_required: 2,
} as const satisfies Partial<Record<keyof typeof DECLINE_CODES, number>>

/** Chance the charge at issue fails, before the customer's own risk. */
const FIRST_FAILURE: Record<Segment, number> = {
  enterprise: 0.04,
  mid_market: 0.07,
  self_serve: 0.1,
}
/** Days after the first failure when billing retries a soft decline (Stripe-like). */
const RETRY_DAYS = [3, 5, 7]

export function syntheticInvoice(
  random: Random,
  id: string,
  customer: SyntheticCustomer,
  issuedAt: number,
): SyntheticInvoice {
  const amountDue = invoiceAmount(random, customer)
  const dueAt = issuedAt + customer.netDays * DAY
  const events: SyntheticEvent[] = []
  const failures: { at: number; code: string }[] = []
  let paidAt =
    customer.payment === 'card'
      ? cardOutcome(random, customer, issuedAt, failures)
      : transferOutcome(random, customer, dueAt)
  for (const failure of failures) {
    const decline_class = DECLINE_CODES[failure.code]?.class ?? 'soft'
    events.push({
      type: 'payment_failed',
      at: failure.at,
      decline_code: failure.code,
      decline_class,
    })
  }
  let disputed = false
  if (random.chance(0.004 * customer.risk)) {
    const opened = issuedAt + random.int(2, 20) * DAY
    events.push({ type: 'dispute_opened', at: opened })
    if (random.chance(0.6)) {
      const closed = opened + random.int(10, 60) * DAY
      events.push({ type: 'dispute_closed', at: closed })
      paidAt = random.chance(0.7) ? closed + random.int(1, 10) * DAY : null
    } else {
      disputed = true
      paidAt = null
    }
  }
  const late = lateness(dueAt, paidAt)
  if (late > 5 && random.chance(0.2)) {
    const at = dueAt + random.int(2, Math.min(late - 1, 20)) * DAY
    events.push({ type: 'promise_to_pay', at, until: at + random.int(3, 21) * DAY })
  }
  const balance = partialPayment(random, amountDue, dueAt, paidAt, late, events)
  events.sort((a, b) => a.at - b.at)
  return { id, customer, amountDue, issuedAt, dueAt, paidAt, balance, disputed, failures, events }
}

function invoiceAmount(random: Random, customer: SyntheticCustomer): number {
  const base = (customer.arr * customer.interval) / 12
  return Math.max(100, Math.round(base * (0.9 + 0.2 * random.next())))
}

/** Charged at issue: paid at once, or after failures and retries, or never. */
function cardOutcome(
  random: Random,
  customer: SyntheticCustomer,
  issuedAt: number,
  failures: { at: number; code: string }[],
): number | null {
  const charged = issuedAt + random.int(1, 30) * 60_000
  if (!random.chance(Math.min(0.9, FIRST_FAILURE[customer.segment] * customer.risk))) return charged
  let code: string = random.weighted(DECLINE_WEIGHTS)
  failures.push({ at: charged, code })
  if (DECLINE_CODES[code]?.class === 'soft') {
    for (const day of RETRY_DAYS) {
      const retry = charged + day * DAY + random.int(0, 120) * 60_000
      if (random.chance(0.35 / Math.sqrt(customer.risk))) return retry
      code = random.chance(0.8) ? code : random.weighted(DECLINE_WEIGHTS)
      failures.push({ at: retry, code })
      if (DECLINE_CODES[code]?.class === 'hard') break
    }
  }
  // The customer acts (a new card, funds back) after a long-tailed delay, or never does.
  if (!random.chance(0.5 / Math.sqrt(customer.risk))) return null
  const last = failures[failures.length - 1]?.at ?? charged
  return last + Math.round(random.logNormal(6, 1) * DAY)
}

/** Paid by transfer against terms: mostly on time, some late with a long tail, a few never. */
function transferOutcome(
  random: Random,
  customer: SyntheticCustomer,
  dueAt: number,
): number | null {
  const roll = random.next() * customer.risk
  if (roll < 0.75) return dueAt - random.int(0, Math.max(0, customer.netDays - 1)) * DAY
  if (roll < 1.1) {
    const daysLate = Math.min(365, Math.ceil(Math.pow(1 - random.next(), -1 / 1.1)))
    return dueAt + daysLate * DAY + random.int(0, 600) * 60_000
  }
  return null
}

function lateness(dueAt: number, paidAt: number | null): number {
  if (paidAt === null) return 60
  return Math.floor((paidAt - dueAt) / DAY)
}

/** Some late payers pay a part first; the balance left is what was never paid. */
function partialPayment(
  random: Random,
  amountDue: number,
  dueAt: number,
  paidAt: number | null,
  late: number,
  events: SyntheticEvent[],
): number {
  if (late <= 3 || !random.chance(paidAt === null ? 0.1 : 0.06))
    return paidAt === null ? amountDue : 0
  const amount = Math.round((amountDue * random.int(30, 70)) / 100)
  events.push({ type: 'payment_succeeded', at: dueAt + random.int(1, late - 1) * DAY, amount })
  return paidAt === null ? amountDue - amount : 0
}
