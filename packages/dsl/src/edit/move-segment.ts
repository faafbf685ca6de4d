import type { EditResult } from './edit-result.js'
import { refused } from './edit-result.js'
import { policyItemExtents } from './block-items.js'
import { editableFile, findSegment, isRefused } from './editable-file.js'
import { withSplices } from './reprint.js'

/**
 * Moves a segment to position `toIndex` among the segments (0 = first; segments are tried
 * in order). Each segment moves with the comments above and beside it; other policy items
 * (limits, stop, pause) stay where they are.
 */
export function moveSegment(text: string, segmentName: string, toIndex: number): EditResult {
  const editable = editableFile(text)
  if (isRefused(editable)) return editable
  const segment = findSegment(editable, segmentName)
  if (isRefused(segment)) return segment
  const count = editable.segments.length
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= count) {
    return refused(
      `Segment "${segmentName}" cannot move to position ${toIndex + 1}.`,
      `Pick a position from 1 to ${count}.`,
    )
  }
  const extents = policyItemExtents(editable)
  const slots = editable.policy.items.flatMap((item, i) =>
    item.kind === 'segment' && extents[i] ? [extents[i]] : [],
  )
  const chunks = slots.map((slot) => editable.text.slice(slot.start, slot.end))
  const from = editable.segments.indexOf(segment)
  const order = chunks.filter((_, i) => i !== from)
  order.splice(toIndex, 0, chunks[from] ?? '')
  return withSplices(
    editable,
    slots.map((slot, i) => ({ ...slot, text: order[i] ?? '' })),
  )
}
