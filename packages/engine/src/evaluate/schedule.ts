import type { ZoneCalendar } from '../calendar.js'
import type { PlanStep } from '../compiled.js'
import type { InvoiceFacts } from '../facts/input.js'
import { MS_PER_HOUR } from '../statutory.js'
import type { IndexedStep } from './rule-set.js'
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
  const anchor = anchorOf(step, invoice)
  return anchor === null ? null : scheduledFrom(step, anchor, calendar, window)
}

/** A step's scheduled time from its anchor's instant; later anchors never schedule it earlier. */
export function scheduledFrom(
  step: PlanStep,
  anchor: number,
  calendar: ZoneCalendar,
  window: SendWindow,
): number {
  return timeFrom(step, anchor, calendar.dayOf(anchor), calendar, window)
}

/**
 * A step time while its anchor is unknown, in `segmentSchedule`: NaN keeps the list all
 * numbers (V8 stores them unboxed), and no comparison with it holds.
 */
export const UNSCHEDULED = Number.NaN

/**
 * The scheduled times of one segment's steps for one case, indexed like the segment's
 * steps (`IndexedStep.position`), from the local days of its anchors (the fact view's);
 * `UNSCHEDULED` while an anchor is unknown.
 */
export function segmentSchedule(
  steps: readonly IndexedStep[],
  invoice: InvoiceFacts,
  calendar: ZoneCalendar,
  window: SendWindow,
  /** The local day of the invoice's due time, and of its first failure (any number without one). */
  dueDay: number,
  failureDay: number,
): number[] {
  const times = new Array<number>(steps.length)
  for (let i = 0; i < steps.length; i++) {
    const { step } = steps[i]!
    const anchor = anchorOf(step, invoice)
    const anchorDay = step.timing.anchor === 'due' ? dueDay : failureDay
    times[i] = anchor === null ? UNSCHEDULED : timeFrom(step, anchor, anchorDay, calendar, window)
  }
  return times
}

function anchorOf(step: PlanStep, invoice: InvoiceFacts): number | null {
  return step.timing.anchor === 'due' ? invoice.due_at : invoice.first_failed_at
}

function timeFrom(
  step: PlanStep,
  anchor: number,
  anchorDay: number,
  calendar: ZoneCalendar,
  window: SendWindow,
): number {
  const { unit, offset, at } = step.timing
  if (unit === 'hour') return anchor + offset * MS_PER_HOUR
  return calendar.instantAt(anchorDay + offset, at ?? window.opensAt)
}

/** A pre-due step (negative offset) never fires on or after the due day. */
export function isPastPreDue(step: PlanStep, dayFromDue: number): boolean {
  return step.timing.offset < 0 && dayFromDue >= 0
}
