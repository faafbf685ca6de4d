import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { IToken } from 'chevrotain'
import { describe, expect, it } from 'vitest'
import { lexThroughLine, type LexedPrefix } from '../src/language-service/relex.js'
import { DunLexer } from '../src/tokens.js'

const folder = fileURLToPath(new URL('../../../examples/', import.meta.url))
const examples = readdirSync(folder).filter((name) => name.endsWith('.dun'))

const view = (token: IToken) => ({
  type: token.tokenType.name,
  image: token.image,
  startOffset: token.startOffset,
  endOffset: token.endOffset,
  startLine: token.startLine,
  endLine: token.endLine,
  startColumn: token.startColumn,
  endColumn: token.endColumn,
})

/** What a full lex of `text` says about the tokens that start before `end`. */
function fullLexBefore(text: string, end: number) {
  const lexed = DunLexer.tokenize(text)
  const before = (tokens: readonly IToken[]) =>
    tokens.filter((token) => token.startOffset < end).map(view)
  return { tokens: before(lexed.tokens), comments: before(lexed.groups.comments ?? []) }
}

function expectSameAsFullLex(prefix: LexedPrefix): void {
  expect({ tokens: prefix.tokens.map(view), comments: prefix.comments.map(view) }).toEqual(
    fullLexBefore(prefix.text, prefix.end),
  )
}

describe('lexThroughLine', () => {
  it('stops at the end of the offset’s line, whatever the line endings', () => {
    for (const newline of ['\n', '\r\n', '\r']) {
      const text = ['policy "p" {', '  stop when invoice.balance <= 0 # done', '}'].join(newline)
      const prefix = lexThroughLine(text, text.indexOf('stop'), undefined)
      expect(text.slice(prefix.end).startsWith(newline)).toBe(true)
      expect(prefix.tokens.at(-1)?.image).toBe('0')
      expectSameAsFullLex(prefix)
    }
  })

  describe.each(examples)('after edits of %s', (name) => {
    const text = readFileSync(folder + name, 'utf8')
    const edits = ['x', ' ', '\n', '"', '#', 'day 3 ', '\r\n', '']

    it('reads what a full lex reads, reusing the previous text’s tokens', () => {
      const previous = lexThroughLine(text, text.length, undefined)
      expectSameAsFullLex(previous)
      for (let at = 0; at < text.length; at += 97) {
        for (const [index, insert] of edits.entries()) {
          // Insert, or (for the empty edit) delete the next few characters.
          const edited = text.slice(0, at) + insert + text.slice(insert ? at : at + 5)
          const cursor = Math.min(edited.length, at + insert.length + index * 13)
          expectSameAsFullLex(lexThroughLine(edited, cursor, previous))
        }
      }
    })

    it('reuses a prefix that ends before the edit', () => {
      const middle = text.indexOf('\n', text.length >> 1)
      const early = lexThroughLine(text, middle >> 1, undefined)
      const edited = text.slice(0, middle) + ' x' + text.slice(middle)
      const later = lexThroughLine(edited, edited.length, early)
      expect(later.tokens[0]).toBe(early.tokens[0])
      expectSameAsFullLex(later)
    })
  })
})
