import type { DunFile } from './ast.js'
import { hasErrors, type Diagnostic } from './diagnostic.js'
import { parse } from './parse.js'
import { validate } from './validate.js'

export interface CheckResult {
  readonly ast: DunFile
  /** Syntax errors and validation diagnostics, in source order. */
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Parses and validates a `.dun` text. Validation runs on the partial tree a syntax error
 * leaves (the editor wants type errors while the analyst is typing), but stops after
 * parsing when there is no policy to check: the parser has said why.
 */
export function check(text: string): CheckResult {
  const parsed = parse(text)
  if (parsed.ast.policy === null) return { ast: parsed.ast, diagnostics: parsed.diagnostics }
  const validation = validate(parsed.ast, { partial: hasErrors(parsed.diagnostics) })
  const diagnostics = [...parsed.diagnostics, ...validation].sort(
    (a, b) => a.range.offset - b.range.offset,
  )
  return { ast: parsed.ast, diagnostics }
}
