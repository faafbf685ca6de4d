import type { EventRecord, InvoiceRecord } from '../dataset/records.js'
import { ZONE_SLACK_MS, type PolicySpan } from './policy-span.js'
import type { ReplayedEpisode } from './replay-port.js'

/**
 * Invoices the policy leaves alone need no place in their customer's episode: most are
 * paid on time, and leaving them out keeps episodes small and from chaining across a
 * customer's whole history (memory would grow with the file).
 *
 * Paid before its earliest step could run: no action, deferral or skip can happen to it,
 * and it adds no contact a cap would count — unless a policy reads `account.*`, where an
 * open invoice counts in the aggregates of the others.
 */
export function paidBeforeAnyStep(
  record: InvoiceRecord,
  events: readonly EventRecord[],
  span: PolicySpan,
): boolean {
  const { paidAt, invoice } = record
  if (paidAt === null || span.readsAccount) return false
  const { due, failure } = span.firstStepMs
  const dueBound = due === null ? Infinity : invoice.due_at + due
  let failedAt = invoice.first_failed_at ?? Infinity
  for (const event of events)
    if (event.type === 'payment_failed') failedAt = Math.min(failedAt, event.at)
  const failureBound = failure === null ? Infinity : failedAt + failure
  return paidAt < Math.min(dueBound, failureBound) - ZONE_SLACK_MS
}

/**
 * Replayed alone, the policy neither acted on it nor deferred or skipped a step. Together
 * with its customer's other invoices it would not either: its facts are its own, unless a
 * policy reads contacts made for other invoices or account aggregates (then it never
 * counts as quiet); and having done nothing, it adds no contact the others would see.
 */
export function quietAlone(replayed: ReplayedEpisode): boolean {
  return (
    replayed.executed.length === 0 && replayed.deferrals.length === 0 && replayed.skips.length === 0
  )
}
