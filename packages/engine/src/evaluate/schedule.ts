import type { ZoneCalendar } from '../calendar.js'
import type { PlanStep } from '../compiled.js'
import type { InvoiceFacts } from '../facts/input.js'
import { MS_PER_HOUR } from '../statutory.js'
import type { SendWindow } from './send-window.js'

/**
 * A step's scheduled time (FORMAT.md, "Timing conditions"): `day N` is the anchor's local
 * day + N at `HH:MM`, or at the send window's opening; `hour N` is anchor + N hours.
 * Null while the anchor is unknown (a `from failure` step before any failed payment).
 */
export function scheduledAt(
  step: PlanStep,
  invoice: InvoiceFacts,
  calendar: ZoneCalendar,
  window: SendWindow,
): number | null {
  const { anchor: from, unit, offset, at } = step.timing
  const anchor = from === 'due' ? invoice.due_at : invoice.first_failed_at
  if (anchor === null) return null
  if (unit === 'hour') return anchor + offset * MS_PER_HOUR
  return calendar.instantAt(calendar.dayOf(anchor) + offset, at ?? window.opensAt)
}

/** A pre-due step (negative offset) never fires on or after the due day. */
export function isPastPreDue(step: PlanStep, dayFromDue: number): boolean {
  return step.timing.offset < 0 && dayFromDue >= 0
}
