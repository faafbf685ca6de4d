import type { Segment } from '../ast.js'
import { blockOpenEnd, type EditableFile } from './editable-file.js'
import { extentOf, rangeEnd, type Extent } from './extents.js'

/** Where the items of a segment's block may start: after its `{`, or after its `anchor`. */
export function segmentBodyStart(editable: EditableFile, segment: Segment): number {
  if (segment.anchor !== null) return rangeEnd(segment.anchor.range)
  return blockOpenEnd(editable, rangeEnd((segment.when ?? segment.name).range))
}

/** The text each step of a segment owns (see `extentOf`), in source order. */
export function stepExtents(editable: EditableFile, segment: Segment): Extent[] {
  let previousEnd = segmentBodyStart(editable, segment)
  return segment.steps.map((step) => {
    const extent = extentOf(editable.text, step.range, previousEnd)
    previousEnd = rangeEnd(step.range)
    return extent
  })
}

/** The text each item of the policy block owns, in source order. */
export function policyItemExtents(editable: EditableFile): Extent[] {
  const { policy } = editable
  let previousEnd = blockOpenEnd(editable, rangeEnd((policy.name ?? policy).range))
  return policy.items.map((item) => {
    const extent = extentOf(editable.text, item.range, previousEnd)
    previousEnd = rangeEnd(item.range)
    return extent
  })
}
