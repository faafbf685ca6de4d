import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Lexer, type ILexingResult, type IToken } from 'chevrotain'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as t from '../src/tokens.js'

const lex = (text: string) => t.DunLexer.tokenize(text)
const names = (text: string) => lex(text).tokens.map((token) => token.tokenType.name)

describe('lexer', () => {
  it('reads keywords, and identifiers that merely start with one', () => {
    expect(names('in invoice in_app instalments into')).toEqual([
      'In',
      'Identifier',
      'InApp',
      'Instalments',
      'Identifier',
    ])
    expect(names('day days dayz hour hours no not nothing notify')).toEqual([
      'Day',
      'Days',
      'Identifier',
      'Hour',
      'Hours',
      'No',
      'Not',
      'Nothing',
      'Notify',
    ])
  })

  it('puts every keyword and identifier in the Word category, and channels in Channel', () => {
    const [plan, email, name, usd] = lex('plan email enterprise USD').tokens
    for (const token of [plan, email, name, usd]) {
      expect(token?.tokenType.CATEGORIES).toContain(t.Word)
    }
    expect(email?.tokenType.CATEGORIES).toContain(t.Channel)
    expect(plan?.tokenType.CATEGORIES).not.toContain(t.Channel)
  })

  it('reads currencies, times, percents and signed decimal numbers', () => {
    const tokens = lex('USD USDX 21:00 8:30 1.5% -25% 49.99 -3 7').tokens
    expect(tokens.map((token) => [token.tokenType.name, token.image])).toEqual([
      ['Currency', 'USD'],
      ['Identifier', 'USDX'],
      ['Time', '21:00'],
      ['Time', '8:30'],
      ['Percent', '1.5%'],
      ['Percent', '-25%'],
      ['Number', '49.99'],
      ['Number', '-3'],
      ['Number', '7'],
    ])
  })

  it('reads strings with escapes, and an unterminated string up to the end of the line', () => {
    const { tokens, errors } = lex('"a \\"b\\" \\\\" "open\nday')
    expect(errors).toEqual([])
    expect(tokens.map((token) => [token.tokenType.name, token.image])).toEqual([
      ['String', '"a \\"b\\" \\\\"'],
      ['UnterminatedString', '"open'],
      ['Day', 'day'],
    ])
  })

  it('reads every operator and punctuation mark, longest first', () => {
    expect(names('== != <= >= < > = | , . ; ( ) [ ] { }')).toEqual([
      'Equal',
      'NotEqual',
      'LessEqual',
      'GreaterEqual',
      'Less',
      'Greater',
      'Assign',
      'Pipe',
      'Comma',
      'Dot',
      'Semicolon',
      'LParen',
      'RParen',
      'LBracket',
      'RBracket',
      'LCurly',
      'RCurly',
    ])
  })

  it('sends comments to their own group with positions, and tracks lines', () => {
    const result = lex('# first\nday 3 # second\r\n  sms')
    expect(result.groups.comments?.map((c) => [c.image, c.startLine])).toEqual([
      ['# first', 1],
      ['# second', 2],
    ])
    const sms = result.tokens[2]
    expect([sms?.image, sms?.startLine, sms?.startColumn]).toEqual(['sms', 3, 3])
  })

  it('reports characters no token starts with', () => {
    const { errors, tokens } = lex('day @ 3')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.offset).toBe(4)
    expect(tokens.map((token) => token.image)).toEqual(['day', '3'])
  })

  it('classifies tokens for highlighting', () => {
    expect(t.tokenClass(t.Segment)).toBe('keyword')
    expect(t.tokenClass(t.Email)).toBe('channel')
    expect(t.tokenClass(t.Retry)).toBe('action')
    expect(t.tokenClass(t.Days)).toBe('unit')
    expect(t.tokenClass(t.And)).toBe('operator')
    expect(t.tokenClass(t.GreaterEqual)).toBe('operator')
    expect(t.tokenClass(t.Currency)).toBe('literal')
    expect(t.tokenClass(t.True)).toBe('literal')
    expect(t.tokenClass(t.Identifier)).toBe('identifier')
    expect(t.tokenClass(t.Comment)).toBe('comment')
    expect(t.tokenClass(t.LCurly)).toBe('punctuation')
    expect(t.reservedWords).toContainEqual({ text: 'in_app', tokenClass: 'channel' })
  })

  it('classifies every concrete token (categories have no class)', () => {
    const categories = new Set([t.Word, t.Channel, t.DurationUnit, t.CompareOperator, t.AnyString])
    const unclassified = t.allTokens.filter(
      (token) =>
        !categories.has(token) && token !== t.Whitespace && t.tokenClass(token) === undefined,
    )
    expect(unclassified.map((token) => token.name)).toEqual([])
  })

  it('reads what a Chevrotain lexer over every token pattern reads (words by longer_alt)', () => {
    const reference = new Lexer([...t.allTokens], { positionTracking: 'full' })
    const folder = fileURLToPath(new URL('../../../examples/', import.meta.url))
    const examples = readdirSync(folder).filter((name) => name.endsWith('.dun'))
    expect(examples.length).toBeGreaterThan(0)
    const texts = examples.map((name) => readFileSync(folder + name, 'utf8'))
    for (const text of texts) expectSameLexing(reference, text)
    const piece = fc.constantFrom(
      ...t.reservedWords.map((word) => word.text),
      ...['USD', 'USDX', 'Usd', 'EU', 'dayx', 'in_appx', '_due', 'x9', '12:30', '1:3', '123:45'],
      ...['1.5', '-1.5%', '-12:30', '9:5', '1%%', '007', '1.5:30', '12:345'],
      ...['1.5%', '1.%', '-3', '-', '1.5.2', '"a"', '"open', '"\\"', '#c', '@', '$', ' ', '\n'],
      ...['\r\n', '\r', '==', '=', '!', '<', '>=', '.', ',', '{', '}', '[', ']', '(', ')', '|'],
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (pieces, spaced) => {
        expectSameLexing(reference, pieces.join(spaced ? ' ' : ''))
      }),
    )
  })

  it('reads the same tokens with offsets only (OffsetLexer), without lines', () => {
    const text = 'policy "p" {\n  currencies USD # c\r\n  segment a { day 3 email "x" } }'
    const full = t.DunLexer.tokenize(text)
    const offsets = t.OffsetLexer.tokenize(text)
    const view = (token: IToken) => [token.tokenType.name, token.image, token.startOffset]
    expect(offsets.tokens.map(view)).toEqual(full.tokens.map(view))
    expect(offsets.groups.comments?.map(view)).toEqual(full.groups.comments?.map(view))
    expect(offsets.tokens.map((token) => token.startLine)).toEqual(
      offsets.tokens.map(() => undefined),
    )
  })
})

/** Same tokens (type, category index, text, every position), comments and errors. */
function expectSameLexing(reference: Lexer, text: string): void {
  const view = (result: ILexingResult) => ({
    tokens: result.tokens.map((token) => ({ ...token, type: token.tokenType.name })),
    comments: result.groups.comments,
    errors: result.errors,
  })
  expect(view(t.DunLexer.tokenize(text))).toEqual(view(reference.tokenize(text)))
}
