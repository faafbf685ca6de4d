import type { ZoneCalendar } from '../calendar.js'
import type { DeferredAction } from '../decision.js'
import type { CaseFacts, CustomerFacts } from '../facts/input.js'
import { MS_PER_DAY, RECHECK_DAYS_AFTER_LAST_STEP } from '../statutory.js'
import type { RuleSet } from './rule-set.js'
import { isPastPreDue, scheduledAt } from './schedule.js'
import type { SendWindow } from './send-window.js'

export interface WakeInput {
  readonly rules: RuleSet
  readonly window: SendWindow
  readonly calendar: ZoneCalendar
  readonly segment: number
  readonly facts: CaseFacts
  readonly customer: CustomerFacts
  /** Steps done before, or performed or skipped by this decision. */
  readonly done: ReadonlySet<string>
  readonly deferred: readonly DeferredAction[]
  readonly paused: boolean
  readonly now: number
}

export interface Wake {
  readonly nextWakeAt: number | null
  /** Nothing is left to do and nothing can change without an outside event: the case is completed. */
  readonly completed: boolean
}

/**
 * The earliest future moment this case's decision could change without an outside event
 * (FORMAT.md, "Evaluation"): a pending step's scheduled time, the end of a deferral, the
 * end of a promise to pay, or — while steps wait on a time-dependent guard, or the case is
 * paused — the next local day's send-window opening, until 30 days after the segment's
 * last scheduled step.
 */
export function wakeTime(input: WakeInput): Wake {
  const { rules, window, calendar, facts, now } = input
  const today = calendar.dayOf(now)
  const dayFromDue = today - calendar.dayOf(facts.invoice.due_at)
  const deferredIds = new Set(input.deferred.map((d) => d.stepId))
  let next = Infinity
  let last = -Infinity
  let recheck = input.paused
  let awaitsAnchor = false
  for (const { step } of rules.segmentSteps[input.segment] ?? []) {
    const at = scheduledAt(step, facts.invoice, calendar, window)
    if (at === null) {
      awaitsAnchor ||= !input.done.has(step.id)
      continue
    }
    last = Math.max(last, at)
    if (input.done.has(step.id) || deferredIds.has(step.id) || isPastPreDue(step, dayFromDue))
      continue
    if (at > now) next = Math.min(next, at)
    else if (rules.recheckDaily.has(step.id)) recheck = true
  }
  for (const deferral of input.deferred) {
    if (deferral.reason !== 'pause') next = Math.min(next, deferral.earliestAt)
  }
  const promise = input.customer.promise_to_pay_until
  if (promise !== null && promise > now) next = Math.min(next, promise)
  if (recheck && now < last + RECHECK_DAYS_AFTER_LAST_STEP * MS_PER_DAY) {
    next = Math.min(next, nextDailyCheck(input))
  }
  const idle = next === Infinity
  return {
    nextWakeAt: idle ? null : next,
    completed: idle && !awaitsAnchor && !input.paused && input.deferred.length === 0,
  }
}

/** The next local day's send-window opening: when a paused or guarded case is looked at again. */
export function nextDailyCheck({
  calendar,
  window,
  now,
}: Pick<WakeInput, 'calendar' | 'window' | 'now'>): number {
  return calendar.instantAt(calendar.dayOf(now) + 1, window.opensAt)
}
