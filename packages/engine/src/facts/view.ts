import { zoneCalendar, type ZoneCalendar } from '../calendar.js'
import { MS_PER_DAY, MS_PER_HOUR } from '../statutory.js'
import type { FactView } from './catalogue.js'
import type { AccountFacts, CaseFacts, ContactFacts, CustomerCaseFacts } from './input.js'

const MESSAGE_WINDOW = 7 * MS_PER_DAY
const RETRY_WINDOW = 30 * MS_PER_DAY

/**
 * The flat fact view the rules read for one case at `now`: exactly the catalogue's paths
 * (`FACTS`), derived ones computed. Day counts are calendar days in the customer's zone.
 */
export function buildFactView(
  customer: CustomerCaseFacts,
  caseIndex: number,
  now: number,
  /** The customer's zone calendar, when the caller has it at hand already. */
  calendar: ZoneCalendar = zoneCalendar(customer.customer.timezone),
): FactView {
  const facts = customer.cases[caseIndex]
  if (!facts)
    throw new RangeError(
      `case ${caseIndex} does not exist (the customer has ${customer.cases.length})`,
    )
  return factViewAt(customer, facts, now, calendar, calendar.dayOf(now), calendar.minuteOf(now))
}

/**
 * `buildFactView` for one of the customer's cases, with the local day and wall-clock minute
 * of `now` already worked out: an evaluation looks them up once for all the customer's cases.
 */
export function factViewAt(
  customer: CustomerCaseFacts,
  facts: CaseFacts,
  now: number,
  calendar: ZoneCalendar,
  today: number,
  minute: number,
): FactView {
  const { invoice, dunning } = facts
  const { customer: person, history } = customer
  const contacts = contactCounts(customer.contacts, now)
  const account = customer.account ?? deriveAccount(customer, now)
  const failedAt = invoice.first_failed_at
  return {
    'invoice.id': invoice.id,
    'invoice.amount_due': invoice.amount_due,
    'invoice.balance': invoice.balance,
    'invoice.currency': invoice.currency,
    'invoice.issued_at': invoice.issued_at,
    'invoice.due_at': invoice.due_at,
    'invoice.status': invoice.status,
    'invoice.disputed': invoice.disputed,
    'invoice.attempts': invoice.attempts,
    'invoice.last_decline': invoice.last_decline_class,
    'invoice.last_decline_code': invoice.last_decline_code,
    'invoice.first_failed_at': failedAt,
    'invoice.overdue': now - invoice.due_at,
    'customer.id': person.id,
    'customer.plan': person.plan,
    'customer.arr': person.arr,
    'customer.currency': person.currency,
    'customer.country': person.country,
    'customer.timezone': person.timezone,
    'customer.language': person.language,
    'customer.tags': person.tags,
    'customer.opted_out': person.opted_out,
    'customer.promise_to_pay_until': person.promise_to_pay_until,
    // Unknown sign-up time: no tenure yet, rather than a guess.
    'customer.tenure': person.created_at === null ? 0 : now - person.created_at,
    'account.unpaid_invoices': account.unpaid_invoices,
    'account.total_unpaid': account.total_unpaid,
    'account.oldest_unpaid_days': account.oldest_unpaid_days,
    'history.late_payments_12m': history.late_payments_12m,
    'history.avg_days_late_12m': history.avg_days_late_12m,
    'history.failed_payments_12m': history.failed_payments_12m,
    'history.lifetime_value': history.lifetime_value,
    'dunning.day_from_due': today - calendar.dayOf(invoice.due_at),
    'dunning.day_from_failure': failedAt === null ? null : today - calendar.dayOf(failedAt),
    'dunning.hours_from_due': Math.floor((now - invoice.due_at) / MS_PER_HOUR),
    'dunning.hours_from_failure':
      failedAt === null ? null : Math.floor((now - failedAt) / MS_PER_HOUR),
    'dunning.local_minute': minute,
    'dunning.steps_done': dunning.steps_done,
    'dunning.retries_30d': countWithin(dunning.retries, now, RETRY_WINDOW),
    'dunning.messages_7d': contacts.messages,
    'dunning.calls_7d': contacts.calls,
    'dunning.since_last_contact': contacts.last === null ? null : now - contacts.last,
    now,
  }
}

/** Instants in the window `(now - window, now]`: a contact leaves it exactly `window` later. */
export function countWithin(instants: readonly number[], now: number, window: number): number {
  let count = 0
  for (const at of instants) if (at > now - window && at <= now) count++
  return count
}

function contactCounts(
  contacts: readonly ContactFacts[],
  now: number,
): { messages: number; calls: number; last: number | null } {
  let messages = 0
  let calls = 0
  let last: number | null = null
  for (const contact of contacts) {
    if (contact.at > now) continue
    if (last === null || contact.at > last) last = contact.at
    if (contact.at <= now - MESSAGE_WINDOW) continue
    if (contact.kind === 'call') calls++
    else messages++
  }
  return { messages, calls, last }
}

/**
 * Kill Bill-style aggregates from the customer's own open cases, when the caller sent none.
 * Only balances in the customer's currency are summed: there are no exchange rates.
 */
export function deriveAccount(customer: CustomerCaseFacts, now: number): AccountFacts {
  let unpaid = 0
  let total = 0
  let oldestDue = Infinity
  for (const { invoice } of customer.cases) {
    if (!isUnpaid(invoice)) continue
    unpaid++
    if (invoice.currency === customer.customer.currency) total += invoice.balance
    oldestDue = Math.min(oldestDue, invoice.due_at)
  }
  const oldestDays = unpaid === 0 ? 0 : Math.max(0, Math.floor((now - oldestDue) / MS_PER_DAY))
  return { unpaid_invoices: unpaid, total_unpaid: total, oldest_unpaid_days: oldestDays }
}

export function isUnpaid(invoice: CaseFacts['invoice']): boolean {
  return invoice.status === 'open' && invoice.balance > 0
}
