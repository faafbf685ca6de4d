import { zoneCalendar } from '../calendar.js'
import type { EventRecord, InvoiceRecord } from '../dataset/records.js'
import { scheduledFrom } from '../evaluate/schedule.js'
import type { CustomerFacts } from '../facts/input.js'
import type { PolicySpan } from './policy-span.js'
import type { ReplayedEpisode } from './replay-port.js'

/**
 * Invoices the policy leaves alone need no place in their customer's episode: most are
 * paid on time, and leaving them out keeps episodes small and from chaining across a
 * customer's whole history (memory would grow with the file).
 *
 * Paid no later than its earliest step could be scheduled, in the customer's zone: a step
 * is due only once its scheduled time has come, and a paid case stops at the payment, so
 * no action, deferral or skip can happen to it, and it adds no contact a cap would count —
 * unless a policy reads `account.*`, where an open invoice counts in the aggregates of the
 * others. A failure anchor can only be set by the row or a failure event: the earliest of
 * them bounds every `from failure` step from below.
 */
export function paidBeforeAnyStep(
  record: InvoiceRecord,
  events: readonly EventRecord[],
  customer: CustomerFacts,
  span: PolicySpan,
): boolean {
  const { paidAt, invoice } = record
  if (paidAt === null || span.readsAccount) return false
  let failedAt = invoice.first_failed_at ?? Infinity
  for (const event of events)
    if (event.type === 'payment_failed') failedAt = Math.min(failedAt, event.at)
  const calendar = zoneCalendar(customer.timezone)
  for (const { step, window } of span.firstSteps) {
    const anchor = step.timing.anchor === 'due' ? invoice.due_at : failedAt
    if (anchor !== Infinity && scheduledFrom(step, anchor, calendar, window) < paidAt) return false
  }
  return true
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
