import { zoneCalendar, type ZoneCalendar } from '../calendar.js'
import type { PlanStep } from '../compiled.js'
import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import { scheduledFrom } from '../evaluate/schedule.js'
import type { FirstSteps } from './first-steps.js'
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
 *
 * Without an outside event before its payment, nothing about the invoice changes before
 * the policy's first action: the invoice, customer and history facts keep their issued
 * values. A step whose rule fails on those values (`guard-outlook.ts`: a guard on a decline
 * the invoice never had, another segment's predicate) cannot be the first to act, so only
 * the earliest step of each timing whose rule may hold bounds the payment (`first-steps.ts`).
 */
export function paidBeforeAnyStep(
  record: InvoiceRecord,
  events: readonly EventRecord[],
  customer: CustomerRecord,
  span: PolicySpan,
  first: FirstSteps,
): boolean {
  const { paidAt, invoice } = record
  if (paidAt === null || span.readsAccount) return false
  let failedAt = invoice.first_failed_at ?? Infinity
  let settled = true
  for (const event of events) {
    if (event.type === 'payment_failed') failedAt = Math.min(failedAt, event.at)
    if (event.at < paidAt) settled = false
  }
  const calendar = zoneCalendar(customer.customer.timezone)
  // every group's first step bounds the others: most invoices are paid before those, and
  // need no look at the guards
  if (paidBeforeSteps(first.earliest, record, failedAt, calendar, span)) return true
  if (!settled) return false
  return paidBeforeSteps(first.settled(invoice, customer), record, failedAt, calendar, span)
}

/** Paid before each of these steps (one per step group, `undefined` for none) could be scheduled. */
function paidBeforeSteps(
  steps: readonly (PlanStep | undefined)[],
  { invoice, paidAt }: InvoiceRecord,
  failedAt: number,
  calendar: ZoneCalendar,
  span: PolicySpan,
): boolean {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]
    if (step === undefined) continue
    const anchor = step.timing.anchor === 'due' ? invoice.due_at : failedAt
    if (anchor === Infinity) continue
    if (scheduledFrom(step, anchor, calendar, span.stepGroups[i]!.window) < paidAt!) return false
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
