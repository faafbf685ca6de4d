import { z } from 'zod'
import { CHANNELS } from '../channels.js'
import { isCurrency } from '../money.js'

/**
 * The facts the engine evaluates, as they enter from outside (API, CSV import, store,
 * `test` blocks). Validated with zod at every boundary. Money is integer minor units in
 * the currency named beside it; instants are ISO-8601 strings with an offset outside and
 * epoch milliseconds once parsed; zones are IANA.
 */

/** ISO text outside; epoch milliseconds inside, so hot paths compare numbers. */
const instant = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text))
const minor = z.number().int()
const currency = z.string().refine(isCurrency, { message: 'not an ISO 4217 currency code' })
const timezone = z.string().refine(isTimeZone, { message: 'not an IANA time zone' })

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const DECLINE_CLASSES = ['hard', 'soft'] as const
export const INVOICE_STATUSES = ['open', 'paid', 'void', 'uncollectible'] as const

export const invoiceFacts = z.object({
  id: z.string().min(1),
  amount_due: minor,
  balance: minor,
  currency,
  issued_at: instant,
  due_at: instant,
  status: z.enum(INVOICE_STATUSES).default('open'),
  disputed: z.boolean().default(false),
  /** Payment attempts made on this invoice so far (by billing and by dunning). */
  attempts: z.number().int().nonnegative().default(0),
  last_decline_code: z.string().nullable().default(null),
  last_decline_class: z.enum(DECLINE_CLASSES).nullable().default(null),
  first_failed_at: instant.nullable().default(null),
  subscription_id: z.string().nullable().default(null),
})

export const customerFacts = z.object({
  id: z.string().min(1),
  plan: z.string().default(''),
  /** Annual recurring revenue in minor units of `currency`. */
  arr: minor.default(0),
  currency,
  country: z.string().default(''),
  timezone: timezone.default('UTC'),
  language: z.string().default('en'),
  tags: z.array(z.string()).default([]),
  opted_out: z.array(z.enum(CHANNELS)).default([]),
  promise_to_pay_until: instant.nullable().default(null),
  created_at: instant.nullable().default(null),
  /**
   * Where to reach the customer. Not facts a policy reads (the catalogue leaves them out):
   * the runner's channels deliver to them. Absent keys stay absent.
   */
  email: z.email().optional(),
  phone: z.string().min(1).optional(),
  postal_address: z.string().min(1).optional(),
})

/** Payment behaviour over the last 12 months, for segmentation by behaviour. */
export const historyFacts = z.object({
  late_payments_12m: z.number().int().nonnegative().default(0),
  avg_days_late_12m: z.number().nonnegative().default(0),
  failed_payments_12m: z.number().int().nonnegative().default(0),
  /** Everything the customer has paid, in minor units of the customer's currency. */
  lifetime_value: minor.default(0),
})

/** A customer with no payment history on record: every count and amount zero. */
export const NO_HISTORY: Readonly<z.output<typeof historyFacts>> = Object.freeze(
  historyFacts.parse({}),
)

/** Kill Bill-style account aggregates. Derived from the customer's open cases when absent. */
export const accountFacts = z.object({
  unpaid_invoices: z.number().int().nonnegative(),
  /** In minor units of the customer's currency. */
  total_unpaid: minor,
  oldest_unpaid_days: z.number().nonnegative(),
})

/** One contact already made with the customer (any invoice): drives caps and last contact. */
export const contactFacts = z.object({
  at: instant,
  kind: z.enum([...CHANNELS, 'call']),
  invoice_id: z.string().nullable().default(null),
  step: z.string().nullable().default(null),
})

/** The dunning state of one case (one invoice in dunning). */
export const dunningFacts = z.object({
  /** Stable ids of steps already executed, skipped or superseded in this case. */
  steps_done: z.array(z.string()).default([]),
  /** Instants of payment retries made by dunning for this invoice. */
  retries: z.array(instant).default([]),
})

export const caseFacts = z.object({
  invoice: invoiceFacts,
  dunning: dunningFacts.default({ steps_done: [], retries: [] }),
})

/** Everything evaluated for one customer at once: caps and quiet hours are per customer. */
export const customerCaseFacts = z.object({
  customer: customerFacts,
  history: historyFacts.default(() => ({ ...NO_HISTORY })),
  account: accountFacts.nullable().default(null),
  contacts: z.array(contactFacts).default([]),
  cases: z.array(caseFacts),
})

export type InvoiceFacts = z.output<typeof invoiceFacts>
export type CustomerFacts = z.output<typeof customerFacts>
export type HistoryFacts = z.output<typeof historyFacts>
export type AccountFacts = z.output<typeof accountFacts>
export type ContactFacts = z.output<typeof contactFacts>
export type DunningFacts = z.output<typeof dunningFacts>
export type CaseFacts = z.output<typeof caseFacts>
export type CustomerCaseFacts = z.output<typeof customerCaseFacts>
/** The same shape before defaults are filled in: what callers may send. */
export type CustomerCaseFactsInput = z.input<typeof customerCaseFacts>
