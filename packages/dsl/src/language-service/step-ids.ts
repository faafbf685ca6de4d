import type { Segment, Step } from '../ast.js'
import { toAction } from '../compile/action.js'
import { CompileError } from '../compile/compile-error.js'
import { StepIdAllocator } from '../compile/step-id.js'

/**
 * The ids the compiler gives each step of a segment (one per offset), through the
 * compiler's own allocator so hover and outline can never disagree with the compiled
 * policy. A step the compiler cannot express yet (an action cut short) has none.
 */
export function stepIdsOf(segment: Segment): Map<Step, string[]> {
  const allocator = new StepIdAllocator(segment.name.text)
  const ids = new Map<Step, string[]>()
  for (const step of segment.steps) {
    const action = compilableAction(step)
    if (!action) continue
    ids.set(step, allocator.stepIds(step, action))
  }
  return ids
}

function compilableAction(step: Step): ReturnType<typeof toAction> | null {
  try {
    return toAction(step.action)
  } catch (error) {
    if (error instanceof CompileError) return null
    throw error
  }
}
