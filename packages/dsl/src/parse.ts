import type { IToken } from 'chevrotain'
import type { DunFile } from './ast.js'
import type { Diagnostic } from './diagnostic.js'
import { dunParser } from './parser.js'
import { LineIndex } from './positions.js'
import {
  lexingDiagnostics,
  parsingDiagnostics,
  unterminatedStringDiagnostics,
} from './syntax-errors.js'
import { OffsetLexer } from './tokens.js'

export interface ParseResult {
  readonly ast: DunFile
  /** Syntax errors in source order: lexing, parsing, then token texts (numbers, times). */
  readonly diagnostics: readonly Diagnostic[]
  /**
   * The tokens the parser read (comments are in `ast.comments`), with their start offsets
   * and texts only: a `LineIndex` of the text gives their lines and columns.
   */
  readonly tokens: readonly IToken[]
}

/**
 * Lex, parse and build the AST of a `.dun` text. Never throws: errors become diagnostics and
 * the AST holds whatever could be read, so the editor keeps working mid-typing.
 */
export function parse(text: string): ParseResult {
  const lines = new LineIndex(text)
  const lexed = OffsetLexer.tokenize(text)
  const parser = dunParser()
  const { file, builder } = parser.read(lexed.tokens, lines)
  const ast = builder.file(file, lexed.groups.comments ?? [], lines.range(0, text.length))
  const diagnostics = [
    ...lexingDiagnostics(lexed.errors, lines),
    ...unterminatedStringDiagnostics(lexed.tokens, lines),
    ...parsingDiagnostics(parser.errors, lexed.tokens, lines),
    ...builder.diagnostics,
  ].sort((a, b) => a.range.offset - b.range.offset)
  return { ast, diagnostics, tokens: lexed.tokens }
}
