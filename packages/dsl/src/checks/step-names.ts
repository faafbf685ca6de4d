import { toAction } from '../compile/action.js'
import { CompileError } from '../compile/compile-error.js'
import { StepIdAllocator } from '../compile/step-id.js'
import type { Segment } from '../ast.js'
import type { Scope } from './scope.js'

const cache = new WeakMap<Scope, ReadonlySet<string> | null>()

/**
 * Every name a test may use for a step: its label, and the ids the compiler gives it
 * (`segment/label`, `segment/notify:email:reminder#1`). Null when a step is too broken to
 * have an id (its own error is reported): then no name can be called unknown. Computed on
 * the first `expect step`, once per validation.
 */
export function knownStepNames(scope: Scope): ReadonlySet<string> | null {
  if (!cache.has(scope)) cache.set(scope, collect(scope.segments))
  return cache.get(scope) ?? null
}

function collect(segments: readonly Segment[]): ReadonlySet<string> | null {
  const names = new Set<string>()
  try {
    for (const segment of segments) {
      const ids = new StepIdAllocator(segment.name.text)
      for (const step of segment.steps) {
        const action = toAction(step.action)
        const several = step.offsets.length > 1
        if (step.label !== null) names.add(step.label.value)
        step.offsets.forEach((_, index) => {
          names.add(ids.next(action, step.label?.value ?? null, several ? index + 1 : null))
        })
      }
    }
  } catch (error) {
    if (error instanceof CompileError) return null
    throw error
  }
  return names
}
