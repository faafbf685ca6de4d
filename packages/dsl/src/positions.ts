import type { IToken } from 'chevrotain'
import type { SourceRange } from './source-range.js'

/**
 * The one place where Chevrotain positions become `SourceRange`s, and where offsets and
 * line/column positions convert. Chevrotain's end columns are inclusive; a `SourceRange`
 * ends just after its last character (like Monaco), so an empty range has
 * `column === endColumn`.
 */

/**
 * The range of one token. No token spans lines (texts and comments end with theirs), so a
 * token ends on its start line, its length further: the lexer need not track ends.
 */
export function tokenRange(token: IToken): SourceRange {
  const line = token.startLine ?? 1
  const column = token.startColumn ?? 1
  return {
    offset: token.startOffset,
    length: token.image.length,
    line,
    column,
    endLine: line,
    endColumn: column + token.image.length,
  }
}

/**
 * From the start of `first` to the end of `last` (the tokens a grammar rule started at and
 * read last), or null when the rule read no real token.
 */
export function tokensRange(first: IToken, last: IToken): SourceRange | null {
  const end = last.startOffset + last.image.length
  if (!(end > first.startOffset)) return null
  return {
    offset: first.startOffset,
    length: end - first.startOffset,
    line: first.startLine ?? 1,
    column: first.startColumn ?? 1,
    endLine: last.startLine ?? 1,
    endColumn: (last.startColumn ?? 1) + last.image.length,
  }
}

/** From the start of `first` to the end of `last` (tokens or ranges). */
export function spanRange(first: SourceRange, last: SourceRange): SourceRange {
  return {
    offset: first.offset,
    length: last.offset + last.length - first.offset,
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
  }
}

export interface LineColumn {
  /** 1-based. */
  readonly line: number
  /** 1-based, in UTF-16 code units. */
  readonly column: number
}

/**
 * Line starts of a text, for converting offsets to lines and columns and back in O(log n).
 * Build it once per text; `\r\n`, `\n` and a lone `\r` all end a line, as in the lexer.
 */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1)
    }
  }

  get lineCount(): number {
    return this.starts.length
  }

  /** The position of an offset, clamped into the text. */
  position(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((this.starts[mid] ?? 0) <= clamped) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: clamped - (this.starts[low] ?? 0) + 1 }
  }

  /** The offset of a position, clamped into the text (a column past the line's end stays on it). */
  offset(position: LineColumn): number {
    const lineIndex = Math.max(0, Math.min(position.line - 1, this.starts.length - 1))
    const start = this.starts[lineIndex] ?? 0
    const next = this.starts[lineIndex + 1] ?? this.text.length + 1
    const lineEnd = Math.max(start, next - 1)
    return Math.min(start + Math.max(0, position.column - 1), lineEnd, this.text.length)
  }

  /** The range between two offsets (clamped into the text). */
  range(startOffset: number, endOffset: number): SourceRange {
    const start = Math.max(0, Math.min(startOffset, this.text.length))
    const end = Math.max(start, Math.min(endOffset, this.text.length))
    const from = this.position(start)
    const to = this.position(end)
    return {
      offset: start,
      length: end - start,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
    }
  }
}
