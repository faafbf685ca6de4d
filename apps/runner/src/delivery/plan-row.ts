import type { Action, CustomerFacts, InvoiceFacts, RetryPaymentAction } from '@dun/engine'
import { invoiceFacts, type ActionRow, type DeliveryTargets } from '@dun/store'
import { DeliveryError } from '../channels/message.js'
import { previousRecord, type DeliveryRecord } from './delivery-record.js'
import { planNotify, type NotifyJob } from './notify.js'

/** What delivering a claimed row takes: a message, a payment, a billing event — or nothing. */
export type PlannedRow =
  | { readonly kind: 'notify'; readonly job: NotifyJob }
  | {
      readonly kind: 'payment'
      readonly row: ActionRow
      readonly action: RetryPaymentAction
      readonly customer: CustomerFacts
      readonly invoice: InvoiceFacts
      readonly record: DeliveryRecord
    }
  | {
      readonly kind: 'billing'
      readonly row: ActionRow
      readonly action: Action
      readonly record: DeliveryRecord
    }
  | { readonly kind: 'unreachable'; readonly row: ActionRow; readonly error: DeliveryError }

export function planRow(row: ActionRow, targets: DeliveryTargets): PlannedRow {
  const customerRow = targets.customers.get(row.customer_id)
  const invoiceRow = targets.invoices.get(row.invoice_id)
  if (!customerRow || !invoiceRow) {
    const missing = customerRow ? `invoice ${row.invoice_id}` : `customer ${row.customer_id}`
    return {
      kind: 'unreachable',
      row,
      error: new DeliveryError(`${missing} no longer exists: nothing to deliver to`, true),
    }
  }
  // Stored facts were validated on the way in: trusted here.
  const customer = customerRow.facts
  const invoice = invoiceFacts(invoiceRow)
  const record = previousRecord(row.provider_response)
  const action = row.action
  switch (action.type) {
    case 'notify':
      return { kind: 'notify', job: planNotify(row, action, customer, invoice, record) }
    case 'retry_payment':
      return { kind: 'payment', row, action, customer, invoice, record }
    case 'call':
    case 'task':
    case 'escalate':
    case 'offer_plan':
    case 'offer_partial_payment':
    case 'late_fee':
    case 'account':
      return { kind: 'billing', row, action, record }
  }
}

export function rowOf(planned: PlannedRow): ActionRow {
  return planned.kind === 'notify' ? planned.job.row : planned.row
}
