import type { DunningEvent } from './events.js'
import { copyCustomer, copyInvoice, customerCaseFactsWith } from './facts/copy.js'
import type { CaseFacts, CustomerCaseFacts, InvoiceFacts } from './facts/input.js'

/** The pure effect of an outside event (payment, dispute, promise to pay) on a customer's facts. */
export function applyEvent(facts: CustomerCaseFacts, event: DunningEvent): CustomerCaseFacts {
  const index = caseIndexOf(facts, event.invoice_id)
  const current = facts.cases[index]
  if (!current) {
    throw new Error(
      `event ${event.type} at ${new Date(event.at).toISOString()} names invoice ${event.invoice_id}, which is not one of customer ${facts.customer.id}'s cases; pass each customer only their own events`,
    )
  }
  if (event.type === 'promise_to_pay') {
    const customer = copyCustomer(facts.customer)
    customer.promise_to_pay_until = event.until
    return customerCaseFactsWith(facts, { customer })
  }
  const cases = facts.cases.slice()
  cases[index] = { invoice: changedInvoice(current, event), dunning: current.dunning }
  return customerCaseFactsWith(facts, { cases })
}

/** The position of an invoice's case; -1 when the customer has no such case. */
export function caseIndexOf(facts: CustomerCaseFacts, invoiceId: string): number {
  const { cases } = facts
  for (let i = 0; i < cases.length; i++) if (cases[i]!.invoice.id === invoiceId) return i
  return -1
}

function changedInvoice(
  { invoice }: CaseFacts,
  event: Exclude<DunningEvent, { type: 'promise_to_pay' }>,
): InvoiceFacts {
  const next = copyInvoice(invoice)
  switch (event.type) {
    case 'payment_succeeded':
      next.balance = event.amount === null ? 0 : invoice.balance - event.amount
      if (next.balance <= 0) next.status = 'paid'
      return next
    case 'payment_failed':
      next.attempts = invoice.attempts + 1
      next.last_decline_code = event.decline_code
      next.last_decline_class = event.decline_class
      next.first_failed_at = invoice.first_failed_at ?? event.at
      return next
    case 'dispute_opened':
      next.disputed = true
      return next
    case 'dispute_closed':
      next.disputed = false
      return next
  }
}
