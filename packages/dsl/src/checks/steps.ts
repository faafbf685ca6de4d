import type { Segment, Step } from '../ast.js'
import { CODES } from '../codes.js'
import { constantTruth } from './constant.js'
import { sameShape } from './same-shape.js'
import { clock, quietWindowAt } from './quiet-window.js'
import type { CheckSet, Report } from './registry.js'
import { stepAnchor, type Scope } from './scope.js'

/** Offsets beyond these are almost surely typos; longer hour delays read better in days. */
const MAX_DAY_OFFSET = 3650
const MAX_HOUR_OFFSET = 720

function checkOffsets(step: Step, report: Report, scope: Scope): void {
  const anchor = stepAnchor(step, scope.segment, scope)
  const limit = step.unit === 'day' ? MAX_DAY_OFFSET : MAX_HOUR_OFFSET
  for (const offset of step.offsets) {
    if (offset.value < 0 && anchor === 'failure') {
      report({
        code: CODES.negativeFailureOffset,
        at: offset,
        message: `${step.unit} ${offset.value} counts back from the first failed payment, which is not known in advance.`,
        hint: 'Use an offset of 0 or more, or count from the due date with `from due`.',
      })
    } else if (Math.abs(offset.value) > limit) {
      report({
        code: CODES.offsetOutOfRange,
        at: offset,
        message: `${step.unit} ${offset.value} is out of range: ${step.unit} offsets go from -${limit} to ${limit}.`,
        hint:
          step.unit === 'hour'
            ? `Count longer delays in days, e.g. day ${Math.round(offset.value / 24)}.`
            : 'Check the number.',
      })
    }
  }
}

function checkAt(step: Step, report: Report, scope: Scope): void {
  if (step.at === null) return
  if (step.unit === 'hour') {
    report({
      code: CODES.atOnHourStep,
      at: step.at,
      message: `'at ${step.at.text}' has no meaning on an hour step: it fires a number of hours after its anchor.`,
      hint: `Write day ${step.offsets[0]?.value ?? 0} at ${step.at.text}, or remove 'at ${step.at.text}'.`,
    })
    return
  }
  const window = quietWindowAt(step.at, scope.quietHours)
  if (window === null) return
  report({
    code: CODES.atInQuietHours,
    at: step.at,
    message: `${step.at.text} is inside ${window}: the step will be deferred until they end.`,
    hint: `Pick a time in the send window, e.g. at ${clock(10 * 60)}.`,
  })
}

function checkGuard(step: Step, report: Report): void {
  if (step.when === null || constantTruth(step.when) !== false) return
  report({
    code: CODES.stepNeverFires,
    at: step.when,
    message: 'This step never fires: its condition is always false.',
    hint: 'Write a condition on facts, or remove the step.',
  })
}

/** Two steps due at the same time for an offset both have: same anchor, unit and time of day. */
function sameTiming(a: Step, b: Step, segment: Segment, scope: Scope): boolean {
  return (
    a.unit === b.unit &&
    (a.at?.text ?? '') === (b.at?.text ?? '') &&
    stepAnchor(a, segment, scope) === stepAnchor(b, segment, scope)
  )
}

/** Same action with the same guard: both would fire together. */
function sameStep(a: Step, b: Step): boolean {
  return sameShape(a.action, b.action) && sameShape(a.when, b.when)
}

/**
 * Duplicate steps (same timing, action and guard) and duplicate labels. Steps are grouped
 * by offset value, so a step at a new offset compares nothing and builds no key.
 */
function checkSegmentSteps(segment: Segment, report: Report, scope: Scope): void {
  const byOffset = new Map<number, Step[]>()
  const labels = new Set<string>()
  for (const step of segment.steps) {
    for (const offset of step.offsets) {
      const earlier = byOffset.get(offset.value)
      if (earlier === undefined) {
        byOffset.set(offset.value, [step])
        continue
      }
      const repeats = earlier.some(
        (other) => sameTiming(other, step, segment, scope) && sameStep(other, step),
      )
      if (repeats) {
        report({
          code: CODES.duplicateStep,
          at: offset,
          message: `This step repeats an earlier one in '${segment.name.text}': same action and condition at ${step.unit} ${offset.value}.`,
          hint: 'Remove one of them, or move it to another day.',
        })
      }
      earlier.push(step)
    }
    if (step.label === null) continue
    if (labels.has(step.label.value)) {
      report({
        code: CODES.duplicateLabel,
        at: step.label,
        message: `Another step in '${segment.name.text}' is already labelled "${step.label.value}": step ids must be unique.`,
        hint: 'Give each step its own label.',
      })
    }
    labels.add(step.label.value)
  }
}

export const stepChecks: CheckSet = {
  step: [checkOffsets, checkAt, checkGuard],
  segment: [checkSegmentSteps],
}
