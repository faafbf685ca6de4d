import type { Name, Step } from '../ast.js'
import { refused, type EditResult, type RefusedEdit } from './edit-result.js'
import { editableFile, findStep, isRefused, type StepLocation } from './editable-file.js'
import { withStepReplaced } from './reprint.js'
import { channelsProblem, offsetProblem, templateProblem } from './step-values.js'

/**
 * Moves one card of a step to another offset (in the step's unit: days, or hours for an
 * `hour` step). A step written with several offsets (`day 1, 3, 5`) keeps its others; the
 * moved one keeps its place in the list, so every card keeps its step id.
 */
export function moveStep(text: string, stepId: string, offset: number): EditResult {
  const problem = offsetProblem(offset)
  if (problem !== null) return problem
  return editStep(text, stepId, ({ step, offsetIndex }) => {
    const clash = step.offsets.some((o, i) => i !== offsetIndex && o.value === offset)
    if (clash) {
      return refused(
        `This step already fires on ${step.unit} ${offset}.`,
        'Pick another day, or remove this card if the step should fire once.',
      )
    }
    const offsets = step.offsets.map((o, i) => (i === offsetIndex ? { ...o, value: offset } : o))
    return { ...step, offsets }
  })
}

/** Sets the channels of a message step (`sms, email "final-notice"`). */
export function setStepChannels(
  text: string,
  stepId: string,
  channels: readonly string[],
): EditResult {
  const problem = channelsProblem(channels)
  if (problem !== null) return problem
  return editStep(text, stepId, ({ step }) => {
    const action = step.action
    if (action.kind !== 'notify') {
      return refused(
        `Only a message step has channels; this is a ${action.kind} step.`,
        'Remove it and add a message step instead.',
      )
    }
    // New names borrow the ranges of the old ones: ranges only place comments, per step.
    const names: Name[] = channels.map((channel, i) => ({
      kind: 'name',
      text: channel,
      range: (action.channels[i] ?? action).range,
    }))
    return { ...step, action: { ...action, channels: names } }
  })
}

/** Sets the template of a message step, or the script of a call. */
export function setStepTemplate(text: string, stepId: string, template: string): EditResult {
  const problem = templateProblem(template)
  if (problem !== null) return problem
  return editStep(text, stepId, ({ step }) => {
    const action = step.action
    switch (action.kind) {
      case 'notify': {
        const range = (action.template ?? action).range
        return {
          ...step,
          action: { ...action, template: { kind: 'string', value: template, range } },
        }
      }
      case 'call': {
        const range = (action.script ?? action).range
        return {
          ...step,
          action: { ...action, script: { kind: 'string', value: template, range } },
        }
      }
      default:
        return refused(
          `A ${action.kind} step has no template.`,
          'Only message and call steps name a template.',
        )
    }
  })
}

function editStep(
  text: string,
  stepId: string,
  change: (location: StepLocation) => Step | RefusedEdit,
): EditResult {
  const editable = editableFile(text)
  if (isRefused(editable)) return editable
  const location = findStep(editable, stepId)
  if (isRefused(location)) return location
  const replacement = change(location)
  if (replacement.kind === 'refused') return replacement
  return withStepReplaced(editable, location, replacement)
}
