import { NO_HISTORY, parseMajorUnits, zoneCalendar, type CustomerCaseFacts } from '@dun/engine'

const MS_PER_DAY = 86_400_000

/** The due date of a test invoice unless given: 2026-01-15, at local midnight in the customer's zone. */
export const TEST_DUE_DATE = '2026-01-15'
const DUE_EPOCH_DAY = Date.parse(`${TEST_DUE_DATE}T00:00:00Z`) / MS_PER_DAY
/** The test invoice is issued 30 days before it is due (net-30). */
const ISSUED_DAYS_BEFORE_DUE = 30
/** The test customer signed up a year before the due date. */
const CUSTOMER_DAYS_BEFORE_DUE = 365
const DEFAULT_AMOUNT = '100'

/** A test's days: local days of the customer's zone, counted from the invoice's due date. */
export interface TestCalendar {
  readonly zone: string
  readonly dueAt: number
}

/** The default due date in a zone. */
export function defaultDueAt(zone: string): number {
  return zoneCalendar(zone).instantAt(DUE_EPOCH_DAY, 0)
}

/** The instant `day N` stands for: local midnight N days after the due date (or `minute` past it). */
export function dayStart(calendar: TestCalendar, day: number, minute = 0): number {
  const zone = zoneCalendar(calendar.zone)
  return zone.instantAt(zone.dayOf(calendar.dueAt) + day, minute)
}

/**
 * The facts of a test before its `given`s: one open invoice of 100.00 in the policy's first
 * currency, due 2026-01-15 in the customer's zone (UTC), never paid, never declined, no
 * dispute; a customer in that currency with no plan, tags, opt-outs or history; nothing
 * done yet. LANGUAGE.md ("Tests") lists them; keep the two in step.
 */
export function defaultFacts(currency: string, calendar: TestCalendar): CustomerCaseFacts {
  const { zone, dueAt } = calendar
  const parsed = parseMajorUnits(DEFAULT_AMOUNT, currency)
  const amount = parsed.ok ? parsed.minor : 0
  return {
    customer: {
      id: 'test-customer',
      plan: '',
      arr: 0,
      currency,
      country: '',
      timezone: zone,
      language: 'en',
      tags: [],
      opted_out: [],
      promise_to_pay_until: null,
      created_at: dayStart(calendar, -CUSTOMER_DAYS_BEFORE_DUE),
    },
    history: { ...NO_HISTORY },
    account: null,
    contacts: [],
    cases: [
      {
        invoice: {
          id: 'test-invoice',
          amount_due: amount,
          balance: amount,
          currency,
          issued_at: dayStart(calendar, -ISSUED_DAYS_BEFORE_DUE),
          due_at: dueAt,
          status: 'open',
          disputed: false,
          attempts: 0,
          last_decline_code: null,
          last_decline_class: null,
          first_failed_at: null,
          subscription_id: null,
        },
        dunning: { steps_done: [], retries: [] },
      },
    ],
  }
}
