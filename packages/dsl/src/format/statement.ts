import type { SourceRange } from '../source-range.js'
import type { Doc } from './doc.js'

/**
 * The formatter's view of a file: a tree of statements, each printed on its own line(s).
 * Comments attach to statements, and blank lines are decided between siblings, so both are
 * handled once here rather than per construct.
 */
export interface Statement {
  /** The AST node this statement prints (comments are keyed by it). */
  readonly node: object
  readonly range: SourceRange
  /** The statement itself, or a block's header (what comes before `{`). */
  readonly head: Doc
  /** Where the head ends in the source: comments after it on that line trail the `{`. */
  readonly headEnd: SourcePoint
  /** A block's statements between braces; null for a one-line statement. */
  readonly body: readonly Statement[] | null
  /**
   * Siblings from different sections are always separated by a blank line (a block is a
   * section of its own); within a section, or without one, the author's blank lines are kept.
   */
  readonly section: object | string | null
}

export interface SourcePoint {
  readonly offset: number
  readonly line: number
}

export function endOf(range: SourceRange): SourcePoint {
  return { offset: range.offset + range.length, line: range.endLine }
}
