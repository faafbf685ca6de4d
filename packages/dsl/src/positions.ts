import type { IToken } from 'chevrotain'
import type { SourceRange } from './source-range.js'

/**
 * The one place where Chevrotain positions become `SourceRange`s, and where offsets and
 * line/column positions convert. Chevrotain's end columns are inclusive; a `SourceRange`
 * ends just after its last character (like Monaco), so an empty range has
 * `column === endColumn`.
 */

/**
 * The range of one token lexed with positions (`DunLexer`). No token spans lines (texts and
 * comments end with theirs), so a token ends on its start line, its length further: the
 * lexer need not track ends.
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
 * Line starts of a text, for converting offsets to lines and columns and back, and for the
 * ranges of tokens lexed with offsets only (`OffsetLexer`). Build it once per text; `\r\n`,
 * `\n` and a lone `\r` all end a line, as in the lexer.
 */
export class LineIndex {
  private readonly starts: number[] = [0]
  /** The 0-based line of the last lookup: a parse looks tokens up nearly in text order. */
  private recent = 0

  constructor(readonly text: string) {
    if (text.includes('\r')) this.findLineStarts()
    else this.findNewlines()
  }

  /** Line starts when every line ends with a `\n`: `indexOf` finds them ten times faster. */
  private findNewlines(): void {
    const text = this.text
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      this.starts.push(i + 1)
  }

  /** Line starts after `\r\n`, `\n` and a lone `\r`. */
  private findLineStarts(): void {
    const text = this.text
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
    const line = this.lineOf(clamped)
    return { line: line + 1, column: clamped - this.startOf(line) + 1 }
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

  /**
   * The range of one token of this text. No token spans lines (texts and comments end with
   * theirs), so it ends on its start line, its length further.
   */
  tokenRange(token: IToken): SourceRange {
    const offset = token.startOffset
    const length = token.image.length
    const line = this.lineOf(offset)
    const column = offset - this.startOf(line) + 1
    return {
      offset,
      length,
      line: line + 1,
      column,
      endLine: line + 1,
      endColumn: column + length,
    }
  }

  /**
   * From the start of `first` to the end of `last` (the tokens a grammar rule started at and
   * read last), or null when the rule read no real token.
   */
  tokensRange(first: IToken, last: IToken): SourceRange | null {
    return last.startOffset + last.image.length > first.startOffset ? this.span(first, last) : null
  }

  /** From the start of `first` to the end of `last`, two real tokens in text order. */
  span(first: IToken, last: IToken): SourceRange {
    const offset = first.startOffset
    const end = last.startOffset + last.image.length
    const endLine = this.lineOf(last.startOffset)
    // Most spans (a predicate, an action) lie on one line: one lookup, not two.
    const line = offset >= this.startOf(endLine) ? endLine : this.search(offset, endLine)
    return {
      offset,
      length: end - offset,
      line: line + 1,
      column: offset - this.startOf(line) + 1,
      endLine: endLine + 1,
      endColumn: end - this.startOf(endLine) + 1,
    }
  }

  private startOf(line: number): number {
    return this.starts[line] ?? 0
  }

  /**
   * The 0-based line holding `offset` (within the text). Looks near the last line found
   * first (the same line or one of the next few), then searches.
   */
  private lineOf(offset: number): number {
    const starts = this.starts
    let line = this.recent
    if (this.startOf(line) <= offset) {
      for (let step = 0; step < 4; step++) {
        const next = starts[line + 1]
        if (next === undefined || next > offset) return (this.recent = line)
        line++
      }
    }
    return (this.recent = this.search(offset, starts.length - 1))
  }

  /** The 0-based line holding `offset`, found among lines 0 to `high`. */
  private search(offset: number, high: number): number {
    let low = 0
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.startOf(mid) <= offset) low = mid
      else high = mid - 1
    }
    return low
  }
}
