import { tokenMatcher, type IToken } from 'chevrotain'
import { AnyString, UnterminatedString } from '../tokens.js'
import type { LexedText } from './document.js'

/** Where completion stands: the partial word it replaces and the tokens before it. */
export interface Cursor {
  /** The word typed so far under the cursor (`amo` in `invoice.amo|`); empty at a boundary. */
  readonly prefix: string
  /** Offset where the partial word starts: the replace range runs from here to the cursor. */
  readonly wordStart: number
  /** The tokens wholly before the partial word. */
  readonly preceding: readonly IToken[]
}

const WORD_CHAR = /[A-Za-z0-9_]/

/** Index of the first token starting at or after `offset` (tokens are in source order). */
export function firstTokenFrom(tokens: readonly IToken[], offset: number): number {
  let low = 0
  let high = tokens.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (tokens[mid]!.startOffset < offset) low = mid + 1
    else high = mid
  }
  return low
}

/** The token whose text holds `offset` (its end included), if any. */
export function tokenAt(tokens: readonly IToken[], offset: number): IToken | undefined {
  const token = tokens[firstTokenFrom(tokens, offset + 1) - 1]
  return token && offset <= token.startOffset + token.image.length ? token : undefined
}

/**
 * True inside a comment or between a string's quotes: there is no code to complete there.
 * A comment and an unterminated string run to the end of their line, so their end counts.
 */
function inTextOrComment(lexed: LexedText, offset: number): boolean {
  const comment = tokenAt(lexed.comments, offset)
  if (comment && offset > comment.startOffset) return true
  const token = tokenAt(lexed.tokens, offset)
  if (!token || offset <= token.startOffset || !tokenMatcher(token, AnyString)) return false
  const closed = !tokenMatcher(token, UnterminatedString)
  return !closed || offset < token.startOffset + token.image.length
}

/** The cursor at `offset`, or null where completion must stay silent (comments, strings). */
export function cursorAt(text: string, lexed: LexedText, offset: number): Cursor | null {
  if (inTextOrComment(lexed, offset)) return null
  let wordStart = offset
  while (wordStart > 0 && WORD_CHAR.test(text.charAt(wordStart - 1))) wordStart--
  return {
    prefix: text.slice(wordStart, offset),
    wordStart,
    preceding: lexed.tokens.slice(0, firstTokenFrom(lexed.tokens, wordStart)),
  }
}
