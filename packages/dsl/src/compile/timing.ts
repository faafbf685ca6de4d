import type { Anchor, Condition, StepTiming } from '@dun/engine'
import type { Step } from '../ast.js'
import { CompileError } from './compile-error.js'

/** When one offset of a step is due; `anchor` is the segment's (or policy's) default. */
export function stepTiming(step: Step, offset: number, anchor: Anchor): StepTiming {
  if (step.unit === 'hour' && step.at) {
    throw new CompileError(
      '`at HH:MM` only applies to day steps',
      step.at.range,
      `Write \`day …\` to send at ${step.at.text}, or drop \`at ${step.at.text}\` from the hour step.`,
    )
  }
  return {
    anchor: step.anchor ?? anchor,
    unit: step.unit,
    offset,
    at: step.at ? step.at.hours * 60 + step.at.minutes : null,
  }
}

/** A pre-due reminder never fires on or after the due day, however late it is evaluated. */
const BEFORE_DUE: Condition = { fact: 'dunning.day_from_due', operator: 'lessThan', value: 0 }

/** The conditions that make a step eligible (FORMAT.md, "Timing conditions"). */
export function timingConditions(timing: StepTiming): Condition[] {
  const eligible = eligibleFrom(timing)
  return timing.offset < 0 ? [eligible, BEFORE_DUE] : [eligible]
}

function eligibleFrom({ anchor, unit, offset, at }: StepTiming): Condition {
  if (unit === 'hour') {
    return { fact: `dunning.hours_from_${anchor}`, operator: 'greaterThanInclusive', value: offset }
  }
  const day = `dunning.day_from_${anchor}`
  if (at === null) return { fact: day, operator: 'greaterThanInclusive', value: offset }
  return {
    any: [
      { fact: day, operator: 'greaterThan', value: offset },
      {
        all: [
          { fact: day, operator: 'equal', value: offset },
          { fact: 'dunning.local_minute', operator: 'greaterThanInclusive', value: at },
        ],
      },
    ],
  }
}
