import { toAction } from '../compile/action.js'
import { CompileError } from '../compile/compile-error.js'
import { StepIdAllocator } from '../compile/step-id.js'
import type { Segment } from '../ast.js'
import type { Scope } from './scope.js'

const cache = new WeakMap<Scope, ReadonlySet<string> | null>()
const labelCache = new WeakMap<Scope, ReadonlySet<string>>()

/**
 * The steps' labels: most tests name a step by its label, and this needs no step's action
 * compiled, so a name found here is known without `knownStepNames`.
 */
export function stepLabels(scope: Scope): ReadonlySet<string> {
  let labels = labelCache.get(scope)
  if (labels === undefined) {
    labels = collectLabels(scope.segments)
    labelCache.set(scope, labels)
  }
  return labels
}

function collectLabels(segments: readonly Segment[]): ReadonlySet<string> {
  const labels = new Set<string>()
  for (const segment of segments) {
    for (const step of segment.steps) if (step.label !== null) labels.add(step.label.value)
  }
  return labels
}

/**
 * Every name a test may use for a step: its label, and the ids the compiler gives it
 * (`segment/label`, `segment/notify:email:reminder#1`). Null when a step is too broken to
 * have an id (its own error is reported): then no name can be called unknown. Computed on
 * the first `expect step` that names no label (`stepLabels`), once per validation.
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
        if (step.label !== null) names.add(step.label.value)
        for (const id of ids.stepIds(step, action)) names.add(id)
      }
    }
  } catch (error) {
    if (error instanceof CompileError) return null
    throw error
  }
  return names
}
