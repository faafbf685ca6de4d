/**
 * A span of source text. Offsets are 0-based; lines and columns 1-based, as editors show
 * them. `length` counts UTF-16 code units, like JavaScript strings and Monaco.
 */
export interface SourceRange {
  readonly offset: number
  readonly length: number
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
}
