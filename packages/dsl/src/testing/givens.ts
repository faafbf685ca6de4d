import {
  CHANNELS,
  DECLINE_CLASSES,
  FACTS,
  INVOICE_STATUSES,
  type AccountFacts,
  type CustomerCaseFacts,
} from '@dun/engine'
import type { Given } from '../ast.js'
import { defaultDueAt, defaultFacts, type TestCalendar } from './default-facts.js'
import {
  GivenError,
  booleanValue,
  enumValue,
  instantValue,
  listValue,
  moneyValue,
  numberValue,
  stringValue,
} from './given-values.js'

type Facts = CustomerCaseFacts
type Invoice = Facts['cases'][number]['invoice']

/** What a setter writes to, besides reading its given. */
interface Target {
  readonly facts: Facts
  readonly invoice: Invoice
  readonly calendar: TestCalendar
  /** Account aggregates given so far; the rest are derived from the invoice. */
  readonly account: { -readonly [K in keyof AccountFacts]?: AccountFacts[K] }
  /** The currency a money given implies for a currency fact (`invoice.amount_due = 250 EUR`). */
  readonly impliedCurrency: Map<string, { readonly currency: string; readonly given: Given }>
}

type Setter = (target: Target, given: Given) => void

const path = (given: Given): string => given.path.text

/** A money fact: sets the amount and implies the currency of its `currencyPath`. */
function money(set: (target: Target, minor: number) => void): Setter {
  return (target, given) => {
    const amount = moneyValue(given.value, path(given))
    set(target, amount.minor)
    const type = FACTS.get(path(given))?.type
    if (type?.kind !== 'money') return
    const earlier = target.impliedCurrency.get(type.currencyPath)
    if (earlier && earlier.currency !== amount.currency) {
      throw new GivenError(
        `${path(given)} is in ${amount.currency} but ${path(earlier.given)} is in ${earlier.currency}: both are amounts in ${type.currencyPath}`,
        given.value.range,
      )
    }
    target.impliedCurrency.set(type.currencyPath, { currency: amount.currency, given })
  }
}

const text =
  (set: (target: Target, value: string) => void): Setter =>
  (t, g) =>
    set(t, stringValue(g.value, path(g)))
const count =
  (set: (target: Target, value: number) => void): Setter =>
  (t, g) =>
    set(t, numberValue(g.value, path(g)))
const instant =
  (set: (target: Target, value: number) => void): Setter =>
  (t, g) =>
    set(t, instantValue(g.value, path(g), t.calendar))

const SETTERS: Readonly<Record<string, Setter>> = {
  'invoice.id': text((t, v) => (t.invoice.id = v)),
  'invoice.amount_due': money((t, m) => (t.invoice.amount_due = m)),
  'invoice.balance': money((t, m) => (t.invoice.balance = m)),
  'invoice.currency': text((t, v) => (t.invoice.currency = v)),
  'invoice.issued_at': instant((t, v) => (t.invoice.issued_at = v)),
  'invoice.status': (t, g) => (t.invoice.status = enumValue(g.value, path(g), INVOICE_STATUSES)),
  'invoice.disputed': (t, g) => (t.invoice.disputed = booleanValue(g.value, path(g))),
  'invoice.attempts': count((t, v) => (t.invoice.attempts = v)),
  'invoice.last_decline': (t, g) =>
    (t.invoice.last_decline_class = enumValue(g.value, path(g), DECLINE_CLASSES)),
  'invoice.last_decline_code': text((t, v) => (t.invoice.last_decline_code = v)),
  'invoice.first_failed_at': instant((t, v) => (t.invoice.first_failed_at = v)),
  'customer.id': text((t, v) => (t.facts.customer.id = v)),
  'customer.plan': text((t, v) => (t.facts.customer.plan = v)),
  'customer.arr': money((t, m) => (t.facts.customer.arr = m)),
  'customer.currency': text((t, v) => (t.facts.customer.currency = v)),
  'customer.country': text((t, v) => (t.facts.customer.country = v)),
  // Both are read before every other given, since `day N` depends on them (`calendarOf`).
  'customer.timezone': () => {},
  'invoice.due_at': () => {},
  'customer.language': text((t, v) => (t.facts.customer.language = v)),
  'customer.tags': (t, g) => (t.facts.customer.tags = listValue(g.value, path(g))),
  'customer.opted_out': (t, g) => (t.facts.customer.opted_out = channels(g)),
  'customer.promise_to_pay_until': instant((t, v) => (t.facts.customer.promise_to_pay_until = v)),
  'account.unpaid_invoices': count((t, v) => (t.account.unpaid_invoices = v)),
  'account.total_unpaid': money((t, m) => (t.account.total_unpaid = m)),
  'account.oldest_unpaid_days': count((t, v) => (t.account.oldest_unpaid_days = v)),
  'history.late_payments_12m': count((t, v) => (t.facts.history.late_payments_12m = v)),
  'history.avg_days_late_12m': count((t, v) => (t.facts.history.avg_days_late_12m = v)),
  'history.failed_payments_12m': count((t, v) => (t.facts.history.failed_payments_12m = v)),
  'history.lifetime_value': money((t, m) => (t.facts.history.lifetime_value = m)),
  'dunning.steps_done': (t, g) => {
    const only = t.facts.cases[0]
    if (only) only.dunning.steps_done = listValue(g.value, path(g))
  },
}

function channels(given: Given): (typeof CHANNELS)[number][] {
  const listed = listValue(given.value, path(given))
  const unknown = listed.find((c) => !(CHANNELS as readonly string[]).includes(c))
  if (unknown !== undefined) {
    throw new GivenError(
      `"${unknown}" is not a channel; use ${CHANNELS.join(', ')}`,
      given.value.range,
    )
  }
  return listed as (typeof CHANNELS)[number][]
}

/**
 * The facts of one test: the defaults (`defaultFacts`) with its `given`s applied. Throws a
 * `GivenError` naming the given that cannot be applied.
 */
export function applyGivens(givens: readonly Given[], currency: string): CustomerCaseFacts {
  const calendar = calendarOf(givens)
  const facts = defaultFacts(currency, calendar)
  const invoice = facts.cases[0]!.invoice
  const target: Target = { facts, invoice, calendar, account: {}, impliedCurrency: new Map() }
  const given = new Set<string>()
  for (const g of givens) {
    setterFor(g)(target, g)
    given.add(path(g))
  }
  completeFacts(target, given)
  return facts
}

function setterFor(given: Given): Setter {
  const setter = SETTERS[path(given)]
  if (setter) return setter
  const derivedFrom = FACTS.get(path(given))?.derivedFrom
  throw new GivenError(
    derivedFrom
      ? `${path(given)} is computed from ${derivedFrom}; give those instead`
      : `${path(given)} is not a fact a test can set`,
    given.path.range,
  )
}

/**
 * The test's zone and due date, read first: every `day N` counts from them. A given due
 * date written `day N` counts from the default one (2026-01-15).
 */
function calendarOf(givens: readonly Given[]): TestCalendar {
  const zone = zoneOf(givens)
  const due = givens.find((g) => path(g) === 'invoice.due_at')
  const standard = { zone, dueAt: defaultDueAt(zone) }
  return due ? { zone, dueAt: instantValue(due.value, 'invoice.due_at', standard) } : standard
}

function zoneOf(givens: readonly Given[]): string {
  const given = givens.find((g) => path(g) === 'customer.timezone')
  if (!given) return 'UTC'
  const zone = stringValue(given.value, 'customer.timezone')
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone
  } catch {
    throw new GivenError(
      `"${zone}" is not an IANA time zone, e.g. "Europe/Berlin"`,
      given.value.range,
    )
  }
}

/** Facts that follow from the givens unless given themselves. */
function completeFacts(target: Target, given: ReadonlySet<string>): void {
  const { facts, invoice } = target
  for (const [currencyPath, implied] of target.impliedCurrency) {
    if (given.has(currencyPath)) continue
    if (currencyPath === 'invoice.currency') invoice.currency = implied.currency
    if (currencyPath === 'customer.currency') facts.customer.currency = implied.currency
  }
  // The customer pays in the invoice's currency unless told otherwise.
  if (!given.has('customer.currency') && !target.impliedCurrency.has('customer.currency')) {
    facts.customer.currency = invoice.currency
  }
  if (given.has('invoice.amount_due') && !given.has('invoice.balance'))
    invoice.balance = invoice.amount_due
  // A decline means a payment failed; card charges fail on the due date.
  const declined = given.has('invoice.last_decline') || given.has('invoice.last_decline_code')
  if (declined && !given.has('invoice.first_failed_at')) invoice.first_failed_at = invoice.due_at
  if (declined && !given.has('invoice.attempts')) invoice.attempts = Math.max(invoice.attempts, 1)
  if (Object.keys(target.account).length > 0) {
    facts.account = {
      unpaid_invoices: target.account.unpaid_invoices ?? 1,
      total_unpaid: target.account.total_unpaid ?? invoice.balance,
      oldest_unpaid_days: target.account.oldest_unpaid_days ?? 0,
    }
  }
}
