import type { EventRecord, InvoiceRecord } from '../dataset/records.js'
import { ZONE_SLACK_MS, type PolicySpan } from './policy-span.js'

/**
 * An invoice paid before its earliest step could run: no policy action, deferral or skip
 * can happen to it, and it adds no contact that a cap would count. Most invoices are paid
 * on time, so leaving these out of the replay is most of the simulator's speed — and it
 * keeps episodes from chaining across a customer's whole history.
 */
export function isInert(
  record: InvoiceRecord,
  events: readonly EventRecord[],
  span: PolicySpan,
): boolean {
  const { paidAt, invoice } = record
  if (paidAt === null || !span.skipsInert) return false
  const { due, failure } = span.firstStepMs
  const dueBound = due === null ? Infinity : invoice.due_at + due
  let failedAt = invoice.first_failed_at ?? Infinity
  for (const event of events)
    if (event.type === 'payment_failed') failedAt = Math.min(failedAt, event.at)
  const failureBound = failure === null ? Infinity : failedAt + failure
  return paidAt < Math.min(dueBound, failureBound) - ZONE_SLACK_MS
}
