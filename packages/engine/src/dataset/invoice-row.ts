import { customerRow } from './customer-row.js'
import { declineClassOf } from './decline-codes.js'
import { optionalField, requiredField, type FieldSource } from './field-reader.js'
import type { InvoiceRecord } from './records.js'

/** Builds an invoice record from a split row; throws ColumnProblem for a bad cell. */
export type InvoiceRow = (row: readonly string[]) => InvoiceRecord

/** Compiles the mapping's invoice section (and the customer columns beside it) against a header. */
export function invoiceRow(source: FieldSource): InvoiceRow {
  const spec = source.mapping.invoice
  const id = requiredField('string', 'invoice_id', spec.invoice_id, source)
  const customerId = requiredField('string', 'customer_id', spec.customer_id, source)
  const currency = requiredField('currency', 'currency', spec.currency, source)
  const amountDue = requiredField('amount', 'amount_due', spec.amount_due, source)
  const issuedAt = requiredField('date', 'issued_at', spec.issued_at, source)
  const dueAt = requiredField('date', 'due_at', spec.due_at, source)
  const balance = optionalField('amount', 'balance', spec.balance, source)
  const amountPaid = optionalField('amount', 'amount_paid', spec.amount_paid, source)
  const paidAt = optionalField('date', 'paid_at', spec.paid_at, source)
  const status = optionalField('status', 'status', spec.status, source)
  const disputed = optionalField('boolean', 'disputed', spec.disputed, source)
  const attempts = optionalField('integer', 'attempts', spec.attempts, source)
  const declineCode = optionalField(
    'decline_code',
    'last_decline_code',
    spec.last_decline_code,
    source,
  )
  const declineClass = optionalField(
    'decline_class',
    'last_decline_class',
    spec.last_decline_class,
    source,
  )
  const firstFailedAt = optionalField('date', 'first_failed_at', spec.first_failed_at, source)
  const subscriptionId = optionalField('string', 'subscription_id', spec.subscription_id, source)
  const customer = customerRow(source)

  return (row) => {
    const code = currency(row, '')
    const due = amountDue(row, code)
    const paid = paidAt(row, code)
    const remaining = balance(row, code) ?? remainder(due, amountPaid(row, code), paid)
    const lastDeclineCode = declineCode(row, code)
    const customerIdText = customerId(row, code)
    return {
      customerId: customerIdText,
      paidAt: paid,
      invoice: {
        id: id(row, code),
        amount_due: due,
        balance: remaining,
        currency: code,
        issued_at: issuedAt(row, code),
        due_at: dueAt(row, code),
        status: status(row, code) ?? (paid !== null && remaining <= 0 ? 'paid' : 'open'),
        disputed: disputed(row, code) ?? false,
        attempts: attempts(row, code) ?? 0,
        last_decline_code: lastDeclineCode,
        last_decline_class:
          declineClass(row, code) ??
          (lastDeclineCode === null ? null : declineClassOf(lastDeclineCode)),
        first_failed_at: firstFailedAt(row, code),
        subscription_id: subscriptionId(row, code),
      },
      customer: customer(row, customerIdText, code),
    }
  }
}

/** Without a balance column: amount due less what was paid, or nothing left once paid in full. */
function remainder(due: number, amountPaid: number | null, paidAt: number | null): number {
  if (amountPaid !== null) return due - amountPaid
  return paidAt === null ? due : 0
}
