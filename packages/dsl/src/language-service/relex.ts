import type { IToken } from 'chevrotain'
import { DunLexer } from '../tokens.js'
import { firstTokenFrom } from './cursor.js'
import type { LexedText } from './document.js'

/** The lexed start of a text: every token and comment that begins before `end`. */
export interface LexedPrefix extends LexedText {
  readonly text: string
  /** A line end (or the text's end): tokens never cross it. */
  readonly end: number
}

const isLineBreak = (code: number) => code === 10 || code === 13

/**
 * The tokens of `text` up to the end of the line holding `offset`, reusing the tokens of
 * `previous` (an earlier version of the text) that lie before the first line the edit
 * changed: a keystroke re-lexes one line, not the file. Sound because no token crosses a
 * line break (whitespace, which does, is skipped), so lexing from a line start reads what
 * lexing from the start of the file reads there.
 */
export function lexThroughLine(
  text: string,
  offset: number,
  previous: LexedPrefix | undefined,
): LexedPrefix {
  let end = Math.max(0, Math.min(offset, text.length))
  while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++
  const unchanged = previous ? Math.min(commonPrefix(previous.text, text), previous.end, end) : 0
  let from = unchanged
  while (from > 0 && !isLineBreak(text.charCodeAt(from - 1))) from--
  const line = lineAt(text, from)
  const fresh = DunLexer.tokenize(text.slice(from, end))
  const reuse = (tokens: readonly IToken[]) => tokens.slice(0, firstTokenFrom(tokens, from))
  return {
    text,
    end,
    tokens: reuse(previous?.tokens ?? []).concat(shifted(fresh.tokens, from, line)),
    comments: reuse(previous?.comments ?? []).concat(
      shifted(fresh.groups.comments ?? [], from, line),
    ),
  }
}

function commonPrefix(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  let i = 0
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return i
}

/** The 1-based line of `offset`, counting line breaks as the lexer does (`\r\n` once). */
function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++
  }
  return line
}

/** Moves tokens lexed from a slice starting at a line start to their place in the text. */
function shifted(tokens: IToken[], from: number, line: number): IToken[] {
  for (const token of tokens) {
    token.endOffset = (token.endOffset ?? token.startOffset) + from
    token.startOffset += from
    token.startLine = (token.startLine ?? 1) + line - 1
    token.endLine = (token.endLine ?? 1) + line - 1
  }
  return tokens
}
