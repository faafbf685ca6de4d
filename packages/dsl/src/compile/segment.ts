import type { Anchor, Condition, PlanSegment, PlanStep, RuleJson } from '@dun/engine'
import type { Segment } from '../ast.js'
import { toAction } from './action.js'
import { NEVER, toCondition } from './expression.js'
import { expressionText } from './expression-text.js'
import { GuardCompiler, type CompiledGuard } from './guards.js'
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
 * The negated predicates are built once and shared by every later rule (compiled rules are
 * read-only, see `compilePolicy`).
 */
export function compileSegments(segments: readonly Segment[], anchor: Anchor): CompiledSegment[] {
  const earlier: Condition[] = []
  const guards = new GuardCompiler()
  return segments.map((segment) => {
    const predicate = segment.when ? { all: [toCondition(segment.when)] } : null
    const membership = predicate ? earlier.concat(predicate) : earlier.slice()
    earlier.push(predicate ? { not: predicate } : NEVER)
    return compileSegment(segment, membership, segment.anchor?.anchor ?? anchor, guards)
  })
}

/**
 * One plan step and one rule per offset of each step (`day 1, 3, 5 …` is three steps), in
 * the order written. A step's action and guard are compiled once and shared by its offsets.
 */
function compileSegment(
  segment: Segment,
  membership: readonly Condition[],
  anchor: Anchor,
  guards: GuardCompiler,
): CompiledSegment {
  const name = segment.name.text
  const ids = new StepIdAllocator(name)
  const steps: PlanStep[] = []
  const rules: RuleJson[] = []
  for (const step of segment.steps) {
    const action = toAction(step.action)
    const guard = step.when ? guards.compile(step.when) : null
    const stepIds = ids.stepIds(step, action)
    for (let index = 0; index < stepIds.length; index++) {
      const plan: PlanStep = {
        id: stepIds[index]!,
        segment: name,
        timing: stepTiming(step, step.offsets[index]!.value, anchor),
        action,
        guard: guard?.text ?? null,
        line: step.range.line,
      }
      steps.push(plan)
      rules.push(stepRule(plan, membership, guard))
    }
  }
  return {
    plan: { name, when: segment.when ? expressionText(segment.when) : null, steps },
    rules,
  }
}

function stepRule(
  step: PlanStep,
  membership: readonly Condition[],
  guard: CompiledGuard | null,
): RuleJson {
  const own = timingConditions(step.timing)
  own.push({ fact: 'dunning.steps_done', operator: 'doesNotContain', value: step.id })
  if (guard) own.push(guard.condition)
  return {
    name: step.id,
    priority: STEP_PRIORITY,
    // Every rule repeats the negated predicates of all earlier segments (FORMAT.md): one
    // `concat` copies them in bulk, which matters once a policy has hundreds of segments.
    conditions: { all: membership.concat(own) },
    event: { type: 'step', params: { step: step.id, segment: step.segment, action: step.action } },
  }
}
