import type { PlanSegment, PlanStep, StepTiming } from '@dun/engine'
import { pairByKey } from './pair-by-key.js'
import type { PolicyChange, StepSnapshot } from './policy-change.js'
import { conditionChanges } from './thresholds.js'

function sameTiming(a: StepTiming, b: StepTiming): boolean {
  return a.anchor === b.anchor && a.unit === b.unit && a.offset === b.offset && a.at === b.at
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function snapshot(step: PlanStep): StepSnapshot {
  return { id: step.id, timing: step.timing, action: step.action, guard: step.guard }
}

/** What changed in one step that kept its place in the policy (same id, or rewritten in place). */
function stepEdits(segment: string, before: PlanStep, after: PlanStep): PolicyChange[] {
  const changes: PolicyChange[] = []
  if (!sameJson(before.action, after.action)) {
    changes.push({
      kind: 'step_action_changed',
      segment,
      stepId: after.id,
      previousStepId: before.id,
      from: before.action,
      to: after.action,
    })
  }
  if (!sameTiming(before.timing, after.timing)) {
    changes.push({
      kind: 'step_moved',
      segment,
      stepId: after.id,
      action: after.action,
      from: before.timing,
      to: after.timing,
    })
  }
  const place = { kind: 'guard', segment, stepId: after.id } as const
  return [...changes, ...conditionChanges(place, before.guard, after.guard)]
}

/**
 * An unlabelled step's id names its channels and template, so changing them gives it a new
 * id. A removed and an added step of the same kind on the same day are read as that one step
 * changed, which is what the analyst did.
 */
function rewrittenInPlace(removed: readonly PlanStep[], added: readonly PlanStep[]) {
  const unclaimed = [...added]
  const pairs: (readonly [PlanStep, PlanStep])[] = []
  const gone: PlanStep[] = []
  for (const old of removed) {
    const i = unclaimed.findIndex(
      (step) => step.action.type === old.action.type && sameTiming(step.timing, old.timing),
    )
    if (i < 0) gone.push(old)
    else pairs.push([old, unclaimed.splice(i, 1)[0]!])
  }
  return { pairs, gone, fresh: unclaimed }
}

/** Step changes within a segment present in both versions, keyed by stable step id. */
export function stepChanges(before: PlanSegment, after: PlanSegment): PolicyChange[] {
  const segment = after.name
  const { both, onlyOld, onlyNew } = pairByKey(before.steps, after.steps, (step) => step.id)
  const { pairs, gone, fresh } = rewrittenInPlace(onlyOld, onlyNew)
  return [
    ...gone.map((step): PolicyChange => ({ kind: 'step_removed', segment, step: snapshot(step) })),
    ...fresh.map((step): PolicyChange => ({ kind: 'step_added', segment, step: snapshot(step) })),
    ...[...both, ...pairs].flatMap(([a, b]) => stepEdits(segment, a, b)),
  ]
}
