import type { Channel } from '../channels.js'
import type { INVOICE_STATUSES } from '../facts/input.js'
import type { DeclineClass } from './decline-codes.js'

/** What a mapped column holds, which decides how its cells are parsed. */
export interface FieldValues {
  string: string
  amount: number
  date: number
  boolean: boolean
  integer: number
  decimal: number
  currency: string
  timezone: string
  list: string[]
  channel_list: Channel[]
  status: (typeof INVOICE_STATUSES)[number]
  decline_code: string
  decline_class: DeclineClass
}
export type FieldKind = keyof FieldValues

/**
 * The record fields a column mapping can fill. The key is both the mapping key and the
 * column name in our own CSV layout (the default mapping).
 */
export const INVOICE_FIELDS = {
  invoice_id: 'string',
  customer_id: 'string',
  subscription_id: 'string',
  currency: 'currency',
  amount_due: 'amount',
  /** Unpaid remainder. Without it (or with the cell empty): amount_due − amount_paid. */
  balance: 'amount',
  amount_paid: 'amount',
  issued_at: 'date',
  due_at: 'date',
  /** Empty = never paid in full (still open, or written off). */
  paid_at: 'date',
  status: 'status',
  disputed: 'boolean',
  attempts: 'integer',
  last_decline_code: 'decline_code',
  /** Derived from the decline code when absent. */
  last_decline_class: 'decline_class',
  first_failed_at: 'date',
} as const satisfies Record<string, FieldKind>

export const CUSTOMER_FIELDS = {
  customer_id: 'string',
  currency: 'currency',
  plan: 'string',
  /** Annual recurring revenue in major units of the customer's currency. */
  arr: 'amount',
  country: 'string',
  timezone: 'timezone',
  language: 'string',
  tags: 'list',
  opted_out: 'channel_list',
  promise_to_pay_until: 'date',
  created_at: 'date',
  late_payments_12m: 'integer',
  avg_days_late_12m: 'decimal',
  failed_payments_12m: 'integer',
  lifetime_value: 'amount',
} as const satisfies Record<string, FieldKind>

export type InvoiceField = keyof typeof INVOICE_FIELDS
export type CustomerField = keyof typeof CUSTOMER_FIELDS

/** Fields an invoices file cannot do without; the mapping must give each a column or a default. */
export const REQUIRED_INVOICE_FIELDS = [
  'invoice_id',
  'customer_id',
  'currency',
  'amount_due',
  'issued_at',
  'due_at',
] as const satisfies readonly InvoiceField[]

export const REQUIRED_CUSTOMER_FIELDS = [
  'customer_id',
  'currency',
] as const satisfies readonly CustomerField[]
