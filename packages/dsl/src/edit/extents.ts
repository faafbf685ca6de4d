import type { SourceRange } from '../source-range.js'

/** A span of source text: [start, end). */
export interface Extent {
  readonly start: number
  readonly end: number
}

/** Nothing but blanks, `;` and a comment up to the end of a line. */
const LINE_REST = /^[ \t\r;]*(#[^\n]*)?$/

/**
 * The text an item owns inside its block: from the line after its previous sibling (or the
 * block's `{`), so the comments and blank lines above it come along, to the end of its last
 * line, so a comment beside it comes along. An item sharing a line with another (`a; b`)
 * owns only its own span on that side. `previousEnd` is where the previous sibling (or the
 * block's `{`) ends.
 */
export function extentOf(text: string, item: SourceRange, previousEnd: number): Extent {
  const itemEnd = item.offset + item.length
  const afterPrevious = lineEnd(text, previousEnd)
  const start =
    afterPrevious < item.offset && LINE_REST.test(text.slice(previousEnd, afterPrevious))
      ? afterPrevious + 1
      : item.offset
  const afterItem = lineEnd(text, itemEnd)
  const end = LINE_REST.test(text.slice(itemEnd, afterItem)) ? afterItem : itemEnd
  return { start, end }
}

/** The offset of the line break ending the line that holds `offset` (or the text's end). */
export function lineEnd(text: string, offset: number): number {
  const found = text.indexOf('\n', offset)
  return found < 0 ? text.length : found
}

export function rangeEnd(range: SourceRange): number {
  return range.offset + range.length
}
