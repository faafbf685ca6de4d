/**
 * A tiny document IR in the style of Prettier's builders: the formatter describes the layout
 * it wants, and a separate printer (`printer.ts`) decides where lines break to stay within the
 * width. Strings are literal text and never contain line breaks.
 */
export type Doc = string | readonly Doc[] | Line | Indent | Group | LineSuffix

/** A line break when its enclosing group breaks; a space (or nothing, if `soft`) when it fits. */
export interface Line {
  readonly kind: 'line'
  readonly hard: boolean
  readonly soft: boolean
}

export interface Indent {
  readonly kind: 'indent'
  readonly contents: Doc
}

/** Printed flat if it fits in the remaining width, otherwise with its lines broken. */
export interface Group {
  readonly kind: 'group'
  readonly contents: Doc
}

/**
 * Text deferred to the end of the current line and left out of width measurement, so a
 * trailing comment never forces the code before it to break.
 */
export interface LineSuffix {
  readonly kind: 'lineSuffix'
  readonly text: string
}

export const line: Line = { kind: 'line', hard: false, soft: false }
export const softline: Line = { kind: 'line', hard: false, soft: true }
/** Always a line break; a group containing one can never print flat. */
export const hardline: Line = { kind: 'line', hard: true, soft: false }

export function indent(contents: Doc): Indent {
  return { kind: 'indent', contents }
}

export function group(contents: Doc): Group {
  return { kind: 'group', contents }
}

export function lineSuffix(text: string): LineSuffix {
  return { kind: 'lineSuffix', text }
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  return docs.flatMap((doc, index) => (index === 0 ? [doc] : [separator, doc]))
}
