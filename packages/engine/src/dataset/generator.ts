import { formatMajorUnits } from '../money.js'
import { declineClassOf } from './decline-codes.js'
import { createRandom, type Random } from './random.js'
import { syntheticCustomer, type SyntheticCustomer } from './synthetic-customer.js'
import {
  syntheticInvoice,
  type SyntheticEvent,
  type SyntheticInvoice,
} from './synthetic-invoice.js'

export interface GenerateOptions {
  /** Same seed, same options → the same bytes. */
  readonly seed: string | number
  /** How many invoices to write. */
  readonly invoices: number
  /** First issue day, `YYYY-MM-DD` (UTC); 2023-01-01 by default. */
  readonly start?: string
  /**
   * How many customers; by default one per ten invoices, so the history spans about a
   * year. Fewer customers for the same invoices make a longer history.
   */
  readonly customers?: number
}

export type GeneratedFile = 'customers' | 'invoices' | 'events'

/** A piece of one output file; concatenating a file's pieces in order gives the file. */
export interface GeneratedChunk {
  readonly file: GeneratedFile
  readonly text: string
}

/** Columns of our own layout: the default mapping reads them without a mapping file. */
export const INVOICE_COLUMNS = [
  'invoice_id',
  'customer_id',
  'subscription_id',
  'currency',
  'amount_due',
  'balance',
  'issued_at',
  'due_at',
  'paid_at',
  'status',
  'disputed',
  'attempts',
  'last_decline_code',
  'last_decline_class',
  'first_failed_at',
] as const

export const CUSTOMER_COLUMNS = [
  'customer_id',
  'currency',
  'plan',
  'arr',
  'country',
  'timezone',
  'language',
  'tags',
  'opted_out',
  'created_at',
  'late_payments_12m',
  'avg_days_late_12m',
  'failed_payments_12m',
  'lifetime_value',
] as const

const DAY = 86_400_000
const INVOICES_PER_CHUNK = 2_000
/** Invoices per customer per year, averaged over segments and billing intervals. */
const INVOICES_PER_CUSTOMER_YEAR = 10

/**
 * Synthetic invoice histories: customers in three segments and three currencies, billed on
 * their own day, paying by card (with soft and hard declines, retries, recoveries) or by
 * transfer (on time, late with a long tail, never), with disputes, promises to pay and
 * partial payments as events. Invoices come out sorted by issue date; each invoice's events
 * follow in time order. Pure and seeded: it runs in a browser worker as well as in the CLI.
 */
export function* generateDataset(options: GenerateOptions): Generator<GeneratedChunk> {
  const random = createRandom(options.seed)
  const start = Date.parse(`${options.start ?? '2023-01-01'}T00:00:00Z`)
  if (Number.isNaN(start)) throw new Error(`start "${options.start}" is not a YYYY-MM-DD date`)
  const count = Math.max(
    1,
    options.customers ?? Math.ceil(options.invoices / INVOICES_PER_CUSTOMER_YEAR),
  )
  const customers = Array.from({ length: count }, (_, i) => syntheticCustomer(random, i, start))
  yield* customerChunks(customers, random)
  yield { file: 'invoices', text: INVOICE_COLUMNS.join(',') + '\n' }
  const phases = customers.map((customer) => random.int(0, customer.interval - 1))
  let written = 0
  let batch: SyntheticInvoice[] = []
  for (let day = start; written < options.invoices; day += DAY) {
    for (const invoice of invoicesOfDay(random, customers, phases, day, written)) {
      if (written === options.invoices) break
      batch.push(invoice)
      written++
    }
    if (batch.length >= INVOICES_PER_CHUNK || written === options.invoices) {
      yield { file: 'invoices', text: batch.map(invoiceLine).join('') }
      yield { file: 'events', text: batch.map(eventLines).join('') }
      batch = []
    }
  }
}

/** Invoices issued on one UTC day, in issue order. */
function invoicesOfDay(
  random: Random,
  customers: readonly SyntheticCustomer[],
  phases: readonly number[],
  day: number,
  numbered: number,
): SyntheticInvoice[] {
  const date = new Date(day)
  const month = date.getUTCFullYear() * 12 + date.getUTCMonth()
  const billed = customers
    .filter(
      (customer, i) =>
        customer.billingDay === date.getUTCDate() &&
        (month - (phases[i] ?? 0)) % customer.interval === 0,
    )
    .sort((a, b) => a.billingHour - b.billingHour)
  return billed.map((customer, i) =>
    syntheticInvoice(
      random,
      `in_${String(numbered + i + 1).padStart(8, '0')}`,
      customer,
      day + customer.billingHour * 3_600_000,
    ),
  )
}

function* customerChunks(
  customers: SyntheticCustomer[],
  random: Random,
): Generator<GeneratedChunk> {
  yield { file: 'customers', text: CUSTOMER_COLUMNS.join(',') + '\n' }
  for (let i = 0; i < customers.length; i += INVOICES_PER_CHUNK) {
    const lines = customers.slice(i, i + INVOICES_PER_CHUNK).map((c) => customerLine(c, random))
    yield { file: 'customers', text: lines.join('') }
  }
}

function customerLine(customer: SyntheticCustomer, random: Random): string {
  const latePayments = Math.floor(random.next() * customer.risk * 3)
  const daysLate = latePayments === 0 ? 0 : random.logNormal(4 * customer.risk, 0.5)
  const tenureYears = Math.max(0.1, (Date.UTC(2023, 0, 1) - customer.createdAt) / (365 * DAY))
  return (
    [
      customer.id,
      customer.currency,
      customer.plan,
      formatMajorUnits(customer.arr, customer.currency),
      customer.country,
      customer.timezone,
      customer.language,
      customer.tags.join(';'),
      customer.optedOut.join(';'),
      instant(customer.createdAt),
      latePayments,
      daysLate.toFixed(1),
      Math.floor(random.next() * customer.risk * 2),
      formatMajorUnits(Math.round(customer.arr * tenureYears), customer.currency),
    ].join(',') + '\n'
  )
}

function invoiceLine(invoice: SyntheticInvoice): string {
  const { customer, failures } = invoice
  const first = failures[0]
  const last = failures[failures.length - 1]
  const paidByCard = customer.payment === 'card' && invoice.paidAt !== null ? 1 : 0
  return (
    [
      invoice.id,
      customer.id,
      `sub_${customer.id.slice(4)}`,
      customer.currency,
      formatMajorUnits(invoice.amountDue, customer.currency),
      formatMajorUnits(invoice.balance, customer.currency),
      instant(invoice.issuedAt),
      instant(invoice.dueAt),
      invoice.paidAt === null ? '' : instant(invoice.paidAt),
      invoice.paidAt === null ? 'open' : 'paid',
      invoice.disputed,
      failures.length + paidByCard,
      last?.code ?? '',
      last ? declineClassOf(last.code) : '',
      first ? instant(first.at) : '',
    ].join(',') + '\n'
  )
}

function eventLines(invoice: SyntheticInvoice): string {
  return invoice.events.map((event) => JSON.stringify(eventJson(invoice.id, event)) + '\n').join('')
}

/** The DunningEvent wire shape: invoice id, type and ISO instants, in a fixed key order. */
function eventJson(invoiceId: string, event: SyntheticEvent): Record<string, unknown> {
  const head = { invoice_id: invoiceId, type: event.type, at: instant(event.at) }
  switch (event.type) {
    case 'payment_failed':
      return { ...head, decline_code: event.decline_code, decline_class: event.decline_class }
    case 'payment_succeeded':
      return { ...head, amount: event.amount }
    case 'promise_to_pay':
      return { ...head, until: instant(event.until) }
    case 'dispute_opened':
    case 'dispute_closed':
      return head
  }
}

/** ISO 8601 to the second, in UTC: `2024-03-01T09:30:00Z`. */
function instant(epoch: number): string {
  return new Date(epoch).toISOString().slice(0, 19) + 'Z'
}
