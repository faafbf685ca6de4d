import { describeAction, type Action } from '@dun/engine'
import type { ExpectedOutcome } from '../ast.js'
import { toAction } from '../compile/action.js'
import { actionKey } from '../compile/step-id.js'
import type { Observation, PerformedStep } from './observation.js'

/** Whether an outcome held, with both sides in words for the report. */
export interface OutcomeCheck {
  readonly passed: boolean
  readonly expected: string
  readonly actual: string
}

/** Checks one `expect` outcome against what happened in its window. */
export function checkOutcome(outcome: ExpectedOutcome, seen: Observation): OutcomeCheck {
  switch (outcome.kind) {
    case 'expectAction': {
      const action = toAction(outcome.action)
      return presence(outcome.negated, describeAction(action), seen, (p) =>
        actionMatches(action, p.action),
      )
    }
    case 'expectStep': {
      const name = outcome.step.value
      return presence(outcome.negated, `step "${name}"`, seen, (p) => stepMatches(name, p.stepId))
    }
    case 'expectNothing':
      return {
        passed: seen.performed.length === 0,
        expected: 'nothing',
        actual: performedText(seen),
      }
    case 'expectSegment':
      return {
        passed: seen.segment === outcome.segment.text,
        expected: `segment ${outcome.segment.text}`,
        actual:
          seen.segment === null
            ? `no segment (the case is ${seen.status})`
            : `segment ${seen.segment}`,
      }
    case 'expectStatus':
      return {
        passed: seen.status === outcome.status,
        expected: outcome.status,
        actual: seen.status,
      }
  }
}

function presence(
  negated: boolean,
  what: string,
  seen: Observation,
  matches: (step: PerformedStep) => boolean,
): OutcomeCheck {
  const found = seen.performed.some(matches)
  return {
    passed: found !== negated,
    expected: negated ? `no ${what}` : what,
    actual: performedText(seen),
  }
}

function performedText(seen: Observation): string {
  if (seen.performed.length === 0) {
    return `nothing (the case was ${seen.status}${seen.problem ? `: ${seen.problem}` : ''})`
  }
  return seen.performed.map((p) => `${describeAction(p.action)} [${p.stepId}]`).join(', ')
}

/**
 * A notify expectation names the channels it cares about: `email "x"` is met by a step that
 * sent "x" on email and sms. Every other action matches on its action key, so `retry
 * payment` and `retry payment using backup methods` stay apart.
 */
function actionMatches(expected: Action, performed: Action): boolean {
  if (expected.type === 'notify' && performed.type === 'notify') {
    return (
      expected.template === performed.template &&
      expected.channels.every((channel) => performed.channels.includes(channel))
    )
  }
  return actionKey(expected) === actionKey(performed)
}

/** `step "x"` names a full step id (`everyone/final-notice`) or the part after the segment. */
function stepMatches(name: string, stepId: string): boolean {
  return stepId === name || stepId.slice(stepId.indexOf('/') + 1) === name
}
