import type { DunFile } from './ast.js'
import { hasErrors, type Diagnostic } from './diagnostic.js'
import type { ParseResult } from './parse.js'
import { validate } from './validate.js'

export interface CheckResult {
  readonly ast: DunFile
  /** Syntax errors and validation diagnostics, in source order. */
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Validates a parsed text. Validation runs on the partial tree a syntax error leaves (the
 * editor wants type errors while the analyst is typing), but not when there is no policy
 * to check: the parser has said why.
 */
export function checkParsed(parsed: ParseResult): CheckResult {
  if (parsed.ast.policy === null) return { ast: parsed.ast, diagnostics: parsed.diagnostics }
  const validation = validate(parsed.ast, { partial: hasErrors(parsed.diagnostics) })
  const diagnostics = [...parsed.diagnostics, ...validation].sort(
    (a, b) => a.range.offset - b.range.offset,
  )
  return { ast: parsed.ast, diagnostics }
}
