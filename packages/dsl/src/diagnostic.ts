import type { SourceRange } from './source-range.js'

export type Severity = 'error' | 'warning' | 'info'

/**
 * One shape for every problem any phase finds. `code` is stable (tests and docs rely on it);
 * `message` is written for a revenue analyst; `hint` says what to do; `fixes` are edits a
 * quick fix can apply (did-you-mean).
 */
export interface Diagnostic {
  readonly code: string
  readonly severity: Severity
  readonly message: string
  readonly hint?: string
  readonly range: SourceRange
  readonly fixes?: readonly QuickFix[]
}

export interface QuickFix {
  readonly title: string
  readonly edits: readonly TextEdit[]
}

export interface TextEdit {
  readonly range: SourceRange
  readonly text: string
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
