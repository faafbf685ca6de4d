import type { DunningEvent } from './events.js'
import type { CaseFacts, CustomerCaseFacts, InvoiceFacts } from './facts/input.js'

/** The pure effect of an outside event (payment, dispute, promise to pay) on a customer's facts. */
export function applyEvent(facts: CustomerCaseFacts, event: DunningEvent): CustomerCaseFacts {
  const index = facts.cases.findIndex((c) => c.invoice.id === event.invoice_id)
  const current = facts.cases[index]
  if (!current) {
    throw new Error(
      `event ${event.type} at ${new Date(event.at).toISOString()} names invoice ${event.invoice_id}, which is not one of customer ${facts.customer.id}'s cases; pass each customer only their own events`,
    )
  }
  if (event.type === 'promise_to_pay') {
    return { ...facts, customer: { ...facts.customer, promise_to_pay_until: event.until } }
  }
  const cases = [...facts.cases]
  cases[index] = { ...current, invoice: changedInvoice(current, event) }
  return { ...facts, cases }
}

function changedInvoice(
  { invoice }: CaseFacts,
  event: Exclude<DunningEvent, { type: 'promise_to_pay' }>,
): InvoiceFacts {
  switch (event.type) {
    case 'payment_succeeded': {
      const balance = event.amount === null ? 0 : invoice.balance - event.amount
      return { ...invoice, balance, status: balance <= 0 ? 'paid' : invoice.status }
    }
    case 'payment_failed':
      return {
        ...invoice,
        attempts: invoice.attempts + 1,
        last_decline_code: event.decline_code,
        last_decline_class: event.decline_class,
        first_failed_at: invoice.first_failed_at ?? event.at,
      }
    case 'dispute_opened':
      return { ...invoice, disputed: true }
    case 'dispute_closed':
      return { ...invoice, disputed: false }
  }
}
