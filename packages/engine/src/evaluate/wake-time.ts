import type { ZoneCalendar } from '../calendar.js'
import type { DeferredAction } from '../decision.js'
import type { CustomerFacts } from '../facts/input.js'
import { MS_PER_DAY, RECHECK_DAYS_AFTER_LAST_STEP } from '../statutory.js'
import type { Candidate } from './case-filters.js'
import type { IndexedStep } from './rule-set.js'
import { isPastPreDue } from './schedule.js'
import type { SendWindow } from './send-window.js'

export interface WakeInput {
  readonly window: SendWindow
  readonly calendar: ZoneCalendar
  /** The matched segment's steps, and their scheduled times for this case (`segmentSchedule`). */
  readonly steps: readonly IndexedStep[]
  readonly times: readonly number[]
  /** Local days from the invoice's due day to `now`. */
  readonly dayFromDue: number
  readonly customer: CustomerFacts
  /** Steps done before this decision. */
  readonly stepsDone: readonly string[]
  /**
   * The steps that were due in this decision: each one is performed, skipped (done from now
   * on) or deferred (it has its own wake time), so none of them is pending.
   */
  readonly decided: readonly Candidate[]
  readonly deferred: readonly DeferredAction[]
  readonly paused: boolean
  readonly now: number
  /** The local day of `now`. */
  readonly today: number
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
  const { steps, times, now } = input
  let next = Infinity
  let last = -Infinity
  let recheck = input.paused
  let awaitsAnchor = false
  for (let i = 0; i < steps.length; i++) {
    const indexed = steps[i]!
    const { step, recheckDaily } = indexed
    const at = times[i]!
    // A step without a time (`UNSCHEDULED`) was not due now: only an earlier decision did it.
    if (Number.isNaN(at)) {
      awaitsAnchor ||= !wasDone(input.stepsDone, step.id)
      continue
    }
    last = Math.max(last, at)
    if (
      wasDecided(input.decided, indexed) ||
      wasDone(input.stepsDone, step.id) ||
      isPastPreDue(step, input.dayFromDue)
    )
      continue
    if (at > now) next = Math.min(next, at)
    else if (recheckDaily) recheck = true
  }
  for (const deferral of input.deferred) {
    if (deferral.reason !== 'pause') next = Math.min(next, deferral.earliestAt)
  }
  const promise = input.customer.promise_to_pay_until
  if (promise !== null && promise > now) next = Math.min(next, promise)
  if (recheck && now < last + RECHECK_DAYS_AFTER_LAST_STEP * MS_PER_DAY) {
    next = Math.min(next, nextDailyCheck(input.calendar, input.window, input.today))
  }
  const idle = next === Infinity
  return {
    nextWakeAt: idle ? null : next,
    completed: idle && !awaitsAnchor && !input.paused && input.deferred.length === 0,
  }
}

// Most cases have done few steps, often none: an empty list needs no call to `includes`.
function wasDone(stepsDone: readonly string[], stepId: string): boolean {
  return stepsDone.length > 0 && stepsDone.includes(stepId)
}

// A case has a handful of due steps: comparing them by identity beats building a set.
function wasDecided(decided: readonly Candidate[], step: IndexedStep): boolean {
  for (let i = 0; i < decided.length; i++) if (decided[i]!.step === step) return true
  return false
}

/** The next local day's send-window opening: when a paused or guarded case is looked at again. */
export function nextDailyCheck(calendar: ZoneCalendar, window: SendWindow, today: number): number {
  return calendar.instantAt(today + 1, window.opensAt)
}
