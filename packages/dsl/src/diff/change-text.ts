import { describeAction, type Cap, type StepTiming } from '@dun/engine'
import type { ConditionPlace, PolicyChange, QuietHoursWindow } from './policy-change.js'

function clock(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

/** A step's timing in the language's own words: `day 3 at 10:00 from failure`. */
export function timingText(timing: StepTiming): string {
  const at = timing.at === null ? '' : ` at ${clock(timing.at)}`
  const anchor = timing.anchor === 'failure' ? ' from failure' : ''
  return `${timing.unit} ${timing.offset}${at}${anchor}`
}

function quietText(window: QuietHoursWindow | null): string {
  return window
    ? `${clock(window.start)}–${clock(window.end)}`
    : 'none (the statutory 21:00–08:00 still applies)'
}

function capText(cap: Cap): string {
  return `at most ${cap.max} ${cap.scope} per ${cap.windowDays} day${cap.windowDays === 1 ? '' : 's'}`
}

function moneyText(amounts: Readonly<Record<string, string>>): string {
  const written = Object.entries(amounts).map(([currency, amount]) => `${amount} ${currency}`)
  return written.length > 0 ? written.join(' | ') : 'no amount'
}

function placeText(place: ConditionPlace): string {
  switch (place.kind) {
    case 'segment':
      return `segment "${place.segment}"`
    case 'guard':
      return `step ${place.stepId}`
    case 'stop':
      return 'the stop condition'
    case 'pause':
      return 'the pause condition'
  }
}

function conditionChangedText(place: ConditionPlace, from: string | null, to: string | null) {
  switch (place.kind) {
    case 'segment':
      return to === null
        ? `Segment "${place.segment}" now matches every invoice (was: when ${from}).`
        : `Segment "${place.segment}" now matches when ${to} (was: ${from ?? 'every invoice'}).`
    case 'guard':
      return to === null
        ? `Step ${place.stepId} now runs unconditionally (was: only when ${from}).`
        : `Step ${place.stepId} now runs only when ${to} (was: ${from === null ? 'unconditionally' : `when ${from}`}).`
    case 'stop':
    case 'pause':
      return `The ${place.kind} condition changed from "${from}" to "${to}".`
  }
}

/** The sentence an analyst reads for one change. */
export function changeText(change: PolicyChange): string {
  switch (change.kind) {
    case 'unreadable':
      return `The ${change.side} version cannot be compared: ${change.problem}.`
    case 'currencies_changed':
      return `Currencies changed from ${change.from.join(', ')} to ${change.to.join(', ')}.`
    case 'anchor_changed':
      return `Steps now count from ${change.to === 'due' ? 'the due date' : 'the first failed payment'} by default (was: from ${change.from === 'due' ? 'the due date' : 'the first failed payment'}).`
    case 'quiet_hours_changed':
      return `Quiet hours changed from ${quietText(change.from)} to ${quietText(change.to)}.`
    case 'cap_added':
      return `New limit: ${capText(change.cap)}.`
    case 'cap_removed':
      return `Limit removed: ${capText(change.cap)}.`
    case 'cap_changed':
      return `Limit changed from ${capText(change.from)} to ${capText(change.to)}.`
    case 'condition_added':
      return `New ${change.place.kind} condition: ${change.place.kind} when ${change.condition}.`
    case 'condition_removed':
      return `Removed the ${change.place.kind} condition: ${change.place.kind} when ${change.condition}.`
    case 'condition_changed':
      return conditionChangedText(change.place, change.from, change.to)
    case 'threshold_changed':
      return `Threshold on ${change.fact} in ${placeText(change.place)} changed from ${moneyText(change.from)} to ${moneyText(change.to)}.`
    case 'segment_added':
      return `New segment "${change.segment}" (${change.when === null ? 'catch-all' : `when ${change.when}`}) with ${change.steps} step${change.steps === 1 ? '' : 's'}.`
    case 'segment_removed':
      return `Removed segment "${change.segment}" and its ${change.steps} step${change.steps === 1 ? '' : 's'}.`
    case 'segments_reordered':
      return `Segments reordered from ${change.from.join(', ')} to ${change.to.join(', ')} (the first matching segment wins).`
    case 'step_added':
      return `Segment "${change.segment}": new step on ${timingText(change.step.timing)}: ${describeAction(change.step.action)}${change.step.guard === null ? '' : ` when ${change.step.guard}`} (${change.step.id}).`
    case 'step_removed':
      return `Segment "${change.segment}": removed the step on ${timingText(change.step.timing)}: ${describeAction(change.step.action)} (${change.step.id}).`
    case 'step_moved':
      return `Segment "${change.segment}": ${describeAction(change.action)} moved from ${timingText(change.from)} to ${timingText(change.to)} (${change.stepId}).`
    case 'step_action_changed':
      return `Segment "${change.segment}": ${describeAction(change.from)} became ${describeAction(change.to)} (${change.previousStepId === change.stepId ? change.stepId : `${change.previousStepId} is now ${change.stepId}`}).`
  }
}
