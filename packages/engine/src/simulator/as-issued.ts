import type { EventRecord, InvoiceRecord } from '../dataset/records.js'
import { copyInvoice } from '../facts/copy.js'

/**
 * A historical row describes an invoice as it ended (paid, balance 0, last decline…), but
 * the replay starts at its issue time. This rebuilds the invoice as it was then, so what
 * happened later happens again during the replay, at its time:
 * - open with its full amount due (void invoices stay void: they were never owed); the
 *   payment in full comes back at `paidAt`, partial payments from the events file;
 * - not disputed when the events open the dispute later; else the row's flag;
 * - no attempts or declines yet when the events replay the failures; else the row's values,
 *   the only ones known (`from failure` steps need the first failure).
 */
export function asIssued(record: InvoiceRecord, events: readonly EventRecord[]): InvoiceRecord {
  const invoice = copyInvoice(record.invoice)
  invoice.status = invoice.status === 'void' ? 'void' : 'open'
  invoice.balance = invoice.amount_due
  if (events.some((e) => e.type === 'dispute_opened')) invoice.disputed = false
  if (events.some((e) => e.type === 'payment_failed')) {
    invoice.attempts = 0
    invoice.last_decline_code = null
    invoice.last_decline_class = null
    invoice.first_failed_at = null
  }
  // a literal, not a spread (see facts/copy.ts); the row's customer stays when it has one
  const { customerId, paidAt, customer } = record
  return customer === undefined
    ? { customerId, invoice, paidAt }
    : { customerId, invoice, paidAt, customer }
}
