import type { Diagnostic, SourceRange, TextEdit } from '@dun/dsl'
import type { IRange, languages } from 'monaco-editor/editor/editor.api.js'

/**
 * The one place where the language's ranges become Monaco's. A `SourceRange` already counts
 * like Monaco (1-based lines and columns, end just after the last character), so a range
 * converts field by field.
 */
export function toMonacoRange(range: SourceRange): IRange {
  return {
    startLineNumber: range.line,
    startColumn: range.column,
    endLineNumber: range.endLine,
    endColumn: range.endColumn,
  }
}

export function toTextEdit(edit: TextEdit): languages.TextEdit {
  return { range: toMonacoRange(edit.range), text: edit.text }
}

/** A marker's text: the message, then what to do about it on its own line. */
export function markerMessage(diagnostic: Diagnostic): string {
  return diagnostic.hint ? `${diagnostic.message}\nHint: ${diagnostic.hint}` : diagnostic.message
}
