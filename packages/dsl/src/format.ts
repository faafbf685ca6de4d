import type { Diagnostic, TextEdit } from './diagnostic.js'
import { diffTexts } from './format/edits.js'
import { printFile } from './format/print-file.js'
import { parse } from './parse.js'
import { LineIndex } from './positions.js'

export { printFile }

export interface FormatResult {
  /** The file in canonical layout; null when it has syntax errors (never format a broken file). */
  readonly text: string | null
  readonly diagnostics: readonly Diagnostic[]
}

/** Formats a `.dun` file: the canonical layout of LANGUAGE.md, every comment kept. */
export function format(text: string): FormatResult {
  const { ast, diagnostics } = parse(text)
  const broken = diagnostics.some((d) => d.severity === 'error')
  return { text: broken ? null : printFile(ast), diagnostics }
}

export interface FormatEditsResult {
  /** Edits to the original text, in order and non-overlapping; empty when already formatted. */
  readonly edits: readonly TextEdit[]
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Formatting as the smallest edits to the original text, for an editor's format-on-save:
 * untouched lines keep their place, so the cursor stays where the user left it.
 */
export function formatToEdits(text: string): FormatEditsResult {
  const { text: formatted, diagnostics } = format(text)
  if (formatted === null) return { edits: [], diagnostics }
  const lines = new LineIndex(text)
  const edits = diffTexts(text, formatted).map((change) => ({
    range: lines.range(change.offset, change.offset + change.length),
    text: change.text,
  }))
  return { edits, diagnostics }
}
