import { formatMoney, type CustomerFacts, type InvoiceFacts } from '@dun/engine'

const DAY_MS = 86_400_000

/** The fields a template can use. Amounts and dates are formatted in the customer's language. */
export interface MessageView {
  readonly customer: CustomerFacts
  /** The first invoice: templates about one invoice read `{{invoice.id}}`. */
  readonly invoice: InvoiceView
  /** Every invoice the message covers (several when consolidated): `{{#invoices}}…{{/invoices}}`. */
  readonly invoices: readonly InvoiceView[]
  readonly count: number
  readonly several: boolean
  /** Balances summed per currency: "$120.00" or "$120.00 + €40.00". */
  readonly total: string
}

export interface InvoiceView {
  readonly id: string
  readonly amount_due: string
  readonly balance: string
  readonly currency: string
  readonly due_date: string
  readonly issued_date: string
  readonly days_overdue: number
}

export function messageView(
  customer: CustomerFacts,
  invoices: readonly InvoiceFacts[],
  nowMs: number,
): MessageView {
  const first = invoices[0]
  if (!first) throw new Error(`a message for customer ${customer.id} needs at least one invoice`)
  const locale = usableLocale(customer.language)
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: customer.timezone })
  const views = invoices.map((invoice): InvoiceView => ({
    id: invoice.id,
    amount_due: formatMoney(invoice.amount_due, invoice.currency, locale),
    balance: formatMoney(invoice.balance, invoice.currency, locale),
    currency: invoice.currency,
    due_date: dates.format(invoice.due_at),
    issued_date: dates.format(invoice.issued_at),
    days_overdue: Math.max(0, Math.floor((nowMs - invoice.due_at) / DAY_MS)),
  }))
  return {
    customer,
    invoice: views[0]!,
    invoices: views,
    count: views.length,
    several: views.length > 1,
    total: totalOf(invoices, locale),
  }
}

function totalOf(invoices: readonly InvoiceFacts[], locale: string): string {
  const sums = new Map<string, number>()
  for (const { currency, balance } of invoices)
    sums.set(currency, (sums.get(currency) ?? 0) + balance)
  return [...sums].map(([currency, minor]) => formatMoney(minor, currency, locale)).join(' + ')
}

/** The customer's language when Intl knows it, else English (a bad tag must not fail a send). */
function usableLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en'
  } catch {
    return 'en'
  }
}
