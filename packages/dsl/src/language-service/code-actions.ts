import type { Diagnostic, QuickFix } from '../diagnostic.js'
import type { SourceRange } from '../source-range.js'
import { documentFor } from './document.js'

/** A quick fix with the diagnostic it resolves, so the editor can show them together. */
export interface CodeAction extends QuickFix {
  readonly diagnostic: Diagnostic
}

/** Ranges overlap, or touch when one is empty (a cursor at the edge of a word). */
function overlaps(a: SourceRange, b: SourceRange): boolean {
  const aEnd = a.offset + a.length
  const bEnd = b.offset + b.length
  return a.offset <= bEnd && b.offset <= aEnd
}

/**
 * The fixes offered for a selection (or a cursor): every fix of every diagnostic whose range
 * meets it, in diagnostic order. Diagnostics carry their fixes (did-you-mean replacements),
 * so the service never has to re-derive what a check already knew.
 */
function codeActionsFor(diagnostics: readonly Diagnostic[], range: SourceRange): CodeAction[] {
  return diagnostics
    .filter((diagnostic) => overlaps(diagnostic.range, range))
    .flatMap((diagnostic) => (diagnostic.fixes ?? []).map((fix) => ({ ...fix, diagnostic })))
}

/** Quick fixes for a selection or cursor in `text`, from the diagnostics `check` reports. */
export function codeActions(text: string, range: SourceRange): CodeAction[] {
  return codeActionsFor(documentFor(text).checked.diagnostics, range)
}
