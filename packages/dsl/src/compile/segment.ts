import type { Anchor, Condition, PlanSegment, PlanStep, RuleJson } from '@dun/engine'
import type { Segment, Step } from '../ast.js'
import { toAction } from './action.js'
import { NEVER, toCondition } from './expression.js'
import { expressionText } from './expression-text.js'
import { StepIdAllocator } from './step-id.js'
import { stepTiming, timingConditions } from './timing.js'

export const STEP_PRIORITY = 1

export interface CompiledSegment {
  readonly plan: PlanSegment
  readonly rules: readonly RuleJson[]
}

/**
 * Compiles the segments in order. First match wins, so each segment's rules carry every
 * earlier predicate negated; after a catch-all nothing can match any more (the validator
 * warns about such segments), which the rules state with a condition that never holds.
 */
export function compileSegments(segments: readonly Segment[], anchor: Anchor): CompiledSegment[] {
  const earlier: Condition[] = []
  return segments.map((segment) => {
    const predicate = segment.when ? { all: [toCondition(segment.when)] } : null
    const membership = predicate ? earlier.concat(predicate) : earlier.slice()
    earlier.push(predicate ? { not: predicate } : NEVER)
    return compileSegment(segment, membership, segment.anchor?.anchor ?? anchor)
  })
}

function compileSegment(
  segment: Segment,
  membership: Condition[],
  anchor: Anchor,
): CompiledSegment {
  const ids = new StepIdAllocator(segment.name.text)
  const steps = segment.steps.flatMap((step) => expandStep(step, segment.name.text, anchor, ids))
  return {
    plan: {
      name: segment.name.text,
      when: segment.when ? expressionText(segment.when) : null,
      steps: steps.map((s) => s.plan),
    },
    rules: steps.map((s) => stepRule(s.plan, membership, s.guard)),
  }
}

interface ExpandedStep {
  readonly plan: PlanStep
  readonly guard: Condition | null
}

/** `day 1, 3, 5 …` is three steps, one per offset, in the order written. */
function expandStep(
  step: Step,
  segment: string,
  anchor: Anchor,
  ids: StepIdAllocator,
): ExpandedStep[] {
  const action = toAction(step.action)
  const guard = step.when ? toCondition(step.when) : null
  const guardText = step.when ? expressionText(step.when) : null
  const several = step.offsets.length > 1
  return step.offsets.map((offset, index) => ({
    guard,
    plan: {
      id: ids.next(action, step.label?.value ?? null, several ? index + 1 : null),
      segment,
      timing: stepTiming(step, offset.value, anchor),
      action,
      guard: guardText,
      line: step.range.line,
    },
  }))
}

function stepRule(step: PlanStep, membership: Condition[], guard: Condition | null): RuleJson {
  const own = timingConditions(step.timing)
  own.push({ fact: 'dunning.steps_done', operator: 'doesNotContain', value: step.id })
  if (guard) own.push({ all: [guard] })
  return {
    name: step.id,
    priority: STEP_PRIORITY,
    // Every rule repeats the negated predicates of all earlier segments (FORMAT.md): one
    // `concat` copies them in bulk, which matters once a policy has hundreds of segments.
    conditions: { all: membership.concat(own) },
    event: { type: 'step', params: { step: step.id, segment: step.segment, action: step.action } },
  }
}
