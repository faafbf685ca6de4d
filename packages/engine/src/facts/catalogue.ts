import { CHANNELS } from '../channels.js'
import { DECLINE_CLASSES, INVOICE_STATUSES } from './input.js'

/**
 * The fact paths a policy can read, with their types and documentation. The validator
 * type-checks guards against it, completion and hover read it, and the engine builds the
 * flat fact view (`FactView`) with exactly these keys. One list, so they cannot disagree.
 */
export type FactType =
  | { readonly kind: 'money'; readonly currencyPath: string }
  | { readonly kind: 'number' }
  | { readonly kind: 'string' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'instant' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'list'; readonly values?: readonly string[] }

export type FactKind = FactType['kind']

export interface FactDefinition {
  readonly path: string
  readonly type: FactType
  readonly doc: string
  readonly nullable?: boolean
  /** Computed by the engine from other facts and the time of evaluation: a `test` cannot set it. */
  readonly derivedFrom?: string
}

const money = (currencyPath: string): FactType => ({ kind: 'money', currencyPath })
const number: FactType = { kind: 'number' }
const string: FactType = { kind: 'string' }
const boolean: FactType = { kind: 'boolean' }
const instant: FactType = { kind: 'instant' }
const duration: FactType = { kind: 'duration' }
const oneOf = (values: readonly string[]): FactType => ({ kind: 'enum', values })

const definitions: FactDefinition[] = [
  // invoice
  { path: 'invoice.id', type: string, doc: 'Invoice identifier in the billing system.' },
  {
    path: 'invoice.amount_due',
    type: money('invoice.currency'),
    doc: 'Total amount of the invoice.',
  },
  {
    path: 'invoice.balance',
    type: money('invoice.currency'),
    doc: 'Amount still unpaid; 0 or less means settled.',
  },
  { path: 'invoice.currency', type: string, doc: 'ISO 4217 currency of the invoice, e.g. "USD".' },
  { path: 'invoice.issued_at', type: instant, doc: 'When the invoice was issued.' },
  {
    path: 'invoice.due_at',
    type: instant,
    doc: 'When payment is due: the default anchor of step days.',
  },
  {
    path: 'invoice.status',
    type: oneOf(INVOICE_STATUSES),
    doc: 'open, paid, void or uncollectible.',
  },
  {
    path: 'invoice.disputed',
    type: boolean,
    doc: 'The customer has an open dispute or chargeback on this invoice.',
  },
  { path: 'invoice.attempts', type: number, doc: 'Payment attempts made on this invoice so far.' },
  {
    path: 'invoice.last_decline',
    type: oneOf(DECLINE_CLASSES),
    nullable: true,
    doc: 'Class of the last card decline: hard (do not retry) or soft (retry later). Write `invoice.last_decline is hard`.',
  },
  {
    path: 'invoice.last_decline_code',
    type: string,
    nullable: true,
    doc: 'Decline code of the last failed payment, e.g. "insufficient_funds", "do_not_honor", "lost_card".',
  },
  {
    path: 'invoice.first_failed_at',
    type: instant,
    nullable: true,
    doc: 'When the first payment attempt failed: the `from failure` anchor.',
  },
  {
    path: 'invoice.overdue',
    type: duration,
    derivedFrom: 'invoice.due_at and now',
    doc: 'How long the invoice has been past due (negative before the due date). Compare with a duration: `invoice.overdue > 30 days`.',
  },
  // customer
  { path: 'customer.id', type: string, doc: 'Customer identifier.' },
  { path: 'customer.plan', type: string, doc: 'Name of the customer\'s plan, e.g. "enterprise".' },
  {
    path: 'customer.arr',
    type: money('customer.currency'),
    doc: 'Annual recurring revenue of the customer.',
  },
  { path: 'customer.currency', type: string, doc: "The customer's account currency." },
  { path: 'customer.country', type: string, doc: 'ISO 3166 country code, e.g. "US".' },
  {
    path: 'customer.timezone',
    type: string,
    doc: 'IANA time zone: step days and quiet hours follow it.',
  },
  {
    path: 'customer.language',
    type: string,
    doc: 'Preferred language for templates, e.g. "en", "de".',
  },
  {
    path: 'customer.tags',
    type: { kind: 'list' },
    doc: 'Free-form tags. Write `customer.tags contains "vip"`.',
  },
  {
    path: 'customer.opted_out',
    type: { kind: 'list', values: CHANNELS },
    doc: 'Channels the customer opted out of; the engine never uses them.',
  },
  {
    path: 'customer.promise_to_pay_until',
    type: instant,
    nullable: true,
    doc: 'The customer promised to pay by this time.',
  },
  {
    path: 'customer.tenure',
    type: duration,
    derivedFrom: 'customer.created_at and now',
    doc: 'How long the customer has been with you: `customer.tenure > 365 days`.',
  },
  // account aggregates
  {
    path: 'account.unpaid_invoices',
    type: number,
    doc: 'Number of unpaid invoices of the customer.',
  },
  {
    path: 'account.total_unpaid',
    type: money('customer.currency'),
    doc: 'Total unpaid balance of the customer.',
  },
  {
    path: 'account.oldest_unpaid_days',
    type: number,
    doc: "Days since the due date of the customer's oldest unpaid invoice.",
  },
  // payment history
  {
    path: 'history.late_payments_12m',
    type: number,
    doc: 'Invoices paid late in the last 12 months.',
  },
  {
    path: 'history.avg_days_late_12m',
    type: number,
    doc: 'Average days late of payments in the last 12 months.',
  },
  {
    path: 'history.failed_payments_12m',
    type: number,
    doc: 'Failed payment attempts in the last 12 months.',
  },
  {
    path: 'history.lifetime_value',
    type: money('customer.currency'),
    doc: 'Everything the customer has paid so far.',
  },
  // dunning state
  {
    path: 'dunning.day_from_due',
    type: number,
    derivedFrom: 'invoice.due_at, customer.timezone and now',
    doc: "Calendar day in the customer's time zone relative to the due date (0 = due day, -3 = three days before).",
  },
  {
    path: 'dunning.day_from_failure',
    type: number,
    nullable: true,
    derivedFrom: 'invoice.first_failed_at, customer.timezone and now',
    doc: 'Calendar day relative to the first failed payment; empty before any failure.',
  },
  {
    path: 'dunning.hours_from_due',
    type: number,
    derivedFrom: 'invoice.due_at and now',
    doc: 'Hours since the due date.',
  },
  {
    path: 'dunning.hours_from_failure',
    type: number,
    nullable: true,
    derivedFrom: 'invoice.first_failed_at and now',
    doc: 'Hours since the first failed payment.',
  },
  {
    path: 'dunning.local_minute',
    type: number,
    derivedFrom: 'customer.timezone and now',
    doc: "Minutes since midnight in the customer's time zone.",
  },
  {
    path: 'dunning.steps_done',
    type: { kind: 'list' },
    doc: 'Ids of the steps already done in this case.',
  },
  {
    path: 'dunning.retries_30d',
    type: number,
    derivedFrom: 'dunning retries and now',
    doc: 'Payment retries made by dunning on this invoice in the last 30 days.',
  },
  {
    path: 'dunning.messages_7d',
    type: number,
    derivedFrom: 'contacts and now',
    doc: 'Messages sent to the customer on any channel in the last 7 days.',
  },
  {
    path: 'dunning.calls_7d',
    type: number,
    derivedFrom: 'contacts and now',
    doc: 'Calls made to the customer in the last 7 days.',
  },
  {
    path: 'dunning.since_last_contact',
    type: duration,
    nullable: true,
    derivedFrom: 'contacts and now',
    doc: 'Time since the customer was last contacted; empty if never.',
  },
  // time
  {
    path: 'now',
    type: instant,
    doc: 'The time of evaluation. Compare instants with it: `customer.promise_to_pay_until > now`.',
  },
]

export const FACTS: ReadonlyMap<string, FactDefinition> = new Map(
  definitions.map((d) => [d.path, d]),
)

/** Fact paths grouped by their root (`invoice`, `customer`, …), in catalogue order. */
export const FACT_ROOTS: readonly string[] = [
  ...new Set(definitions.map((d) => d.path.split('.')[0]!)),
]

/** Values a fact can take in the flat fact view the rules read. Instants and durations are milliseconds. */
export type FactValue = number | string | boolean | null | readonly string[]

/** The flat fact view of one case at one instant: catalogue path → value. */
export type FactView = Record<string, FactValue>
