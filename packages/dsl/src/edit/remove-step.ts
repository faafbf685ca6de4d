import type { EditResult } from './edit-result.js'
import {
  editableFile,
  findStep,
  isRefused,
  type EditableFile,
  type StepLocation,
} from './editable-file.js'
import { stepExtents } from './block-items.js'
import { withSplices, withStepReplaced, type Splice } from './reprint.js'

/**
 * Removes one card: its offset from a step written with several (`day 1, 3, 5`), or else
 * the whole step. Comments written with a removed step stay in the text: the analyst wrote
 * them, and deleting words they did not select would surprise them.
 */
export function removeStep(text: string, stepId: string): EditResult {
  const editable = editableFile(text)
  if (isRefused(editable)) return editable
  const location = findStep(editable, stepId)
  if (isRefused(location)) return location
  const { step, offsetIndex } = location
  if (step.offsets.length > 1) {
    const offsets = step.offsets.filter((_, i) => i !== offsetIndex)
    return { ...withStepReplaced(editable, location, { ...step, offsets }), stepId: null }
  }
  return withSplices(editable, [stepRemoval(editable, location)])
}

function stepRemoval(editable: EditableFile, { segment, step }: StepLocation): Splice {
  const index = segment.steps.indexOf(step)
  const extent = stepExtents(editable, segment)[index]
  if (extent === undefined) throw new Error('a step found by its id belongs to its segment')
  // `a; b` without `a`: the `;` that ended it goes too (a block cannot start with one).
  const separator = /^[ \t]*;/.exec(editable.text.slice(extent.end))
  const end = extent.end + (separator?.[0].length ?? 0)
  const kept = editable.file.comments
    .filter((c) => c.range.offset >= extent.start && c.range.offset < end)
    .map((c) => `#${c.text}`)
  return { start: extent.start, end, text: kept.join('\n') }
}
