import type {
  CaseFacts,
  ContactFacts,
  CustomerCaseFacts,
  CustomerFacts,
  InvoiceFacts,
} from './input.js'

type Writable<T> = { -readonly [K in keyof T]: T[K] }

/*
 * Copies that list every field, for the replay, which rewrites a customer's facts at each
 * event and each action. Object spread is V8's slow path when the objects come in several
 * shapes (parsed, read from a file, rebuilt as issued); a literal is fast and gives every
 * copy the same shape. A field added to the schema fails the build here until it is copied.
 */

export function copyInvoice(invoice: InvoiceFacts): Writable<InvoiceFacts> {
  return {
    id: invoice.id,
    amount_due: invoice.amount_due,
    balance: invoice.balance,
    currency: invoice.currency,
    issued_at: invoice.issued_at,
    due_at: invoice.due_at,
    status: invoice.status,
    disputed: invoice.disputed,
    attempts: invoice.attempts,
    last_decline_code: invoice.last_decline_code,
    last_decline_class: invoice.last_decline_class,
    first_failed_at: invoice.first_failed_at,
    subscription_id: invoice.subscription_id,
  }
}

export function copyCustomer(customer: CustomerFacts): Writable<CustomerFacts> {
  return {
    id: customer.id,
    plan: customer.plan,
    arr: customer.arr,
    currency: customer.currency,
    country: customer.country,
    timezone: customer.timezone,
    language: customer.language,
    tags: customer.tags,
    opted_out: customer.opted_out,
    promise_to_pay_until: customer.promise_to_pay_until,
    created_at: customer.created_at,
  }
}

/** The same customer with other cases, contacts or customer facts. */
export function customerCaseFactsWith(
  facts: CustomerCaseFacts,
  changes: {
    readonly customer?: CustomerFacts
    readonly cases?: CaseFacts[]
    readonly contacts?: ContactFacts[]
  },
): CustomerCaseFacts {
  return {
    customer: changes.customer ?? facts.customer,
    history: facts.history,
    account: facts.account,
    contacts: changes.contacts ?? facts.contacts,
    cases: changes.cases ?? facts.cases,
  }
}
