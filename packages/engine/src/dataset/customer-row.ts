import type { HistoryFacts } from '../facts/input.js'
import type { Currency } from '../money.js'
import type { ColumnMapping } from './column-mapping.js'
import { optionalField, type FieldSource } from './field-reader.js'
import type { CustomerRecord } from './records.js'

/** Builds a customer from a split row, given how to find its id and currency in that row. */
export type CustomerRow = (row: readonly string[], id: string, currency: Currency) => CustomerRecord

/**
 * Compiles the mapping's customer section against a header. The id and currency come from
 * the caller: the customers file's own columns, or the invoice's when customers are derived
 * from an invoices file.
 */
export function customerRow(source: FieldSource): CustomerRow {
  const spec: ColumnMapping['customer'] = source.mapping.customer
  const plan = optionalField('string', 'plan', spec.plan, source)
  const arr = optionalField('amount', 'arr', spec.arr, source)
  const country = optionalField('string', 'country', spec.country, source)
  const timezone = optionalField('timezone', 'timezone', spec.timezone, source)
  const language = optionalField('string', 'language', spec.language, source)
  const tags = optionalField('list', 'tags', spec.tags, source)
  const optedOut = optionalField('channel_list', 'opted_out', spec.opted_out, source)
  const promise = optionalField('date', 'promise_to_pay_until', spec.promise_to_pay_until, source)
  const createdAt = optionalField('date', 'created_at', spec.created_at, source)
  const history = historyRow(source)

  return (row, id, currency) => ({
    customer: {
      id,
      plan: plan(row, currency) ?? '',
      arr: arr(row, currency) ?? 0,
      currency,
      country: country(row, currency) ?? '',
      timezone: timezone(row, currency) ?? 'UTC',
      language: language(row, currency) ?? 'en',
      tags: tags(row, currency) ?? [],
      opted_out: optedOut(row, currency) ?? [],
      promise_to_pay_until: promise(row, currency),
      created_at: createdAt(row, currency),
    },
    history: history(row, currency),
  })
}

/** Payment history columns; null when the row has none of them. */
function historyRow(
  source: FieldSource,
): (row: readonly string[], currency: Currency) => HistoryFacts | null {
  const spec = source.mapping.customer
  const late = optionalField('integer', 'late_payments_12m', spec.late_payments_12m, source)
  const daysLate = optionalField('decimal', 'avg_days_late_12m', spec.avg_days_late_12m, source)
  const failed = optionalField('integer', 'failed_payments_12m', spec.failed_payments_12m, source)
  const lifetime = optionalField('amount', 'lifetime_value', spec.lifetime_value, source)
  // every row of an invoices file without history columns comes here: no object until needed
  return (row, currency) => {
    const latePayments = late(row, currency)
    const avgDaysLate = daysLate(row, currency)
    const failedPayments = failed(row, currency)
    const lifetimeValue = lifetime(row, currency)
    if (
      latePayments === null &&
      avgDaysLate === null &&
      failedPayments === null &&
      lifetimeValue === null
    )
      return null
    return {
      late_payments_12m: latePayments ?? 0,
      avg_days_late_12m: avgDaysLate ?? 0,
      failed_payments_12m: failedPayments ?? 0,
      lifetime_value: lifetimeValue ?? 0,
    }
  }
}
