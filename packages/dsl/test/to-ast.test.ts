import { describe, expect, it } from 'vitest'
import type { SourceRange } from '../src/source-range.js'
import { parse } from '../src/parse.js'
import { LineIndex, tokenRange } from '../src/positions.js'
import { DunLexer, OffsetLexer } from '../src/tokens.js'

/** The text a range covers, checked against its line/column fields. */
function covered(text: string, range: SourceRange): string {
  const lines = text.split('\n')
  const startLine = lines.slice(0, range.line - 1).join('\n').length + (range.line > 1 ? 1 : 0)
  expect(startLine + range.column - 1).toBe(range.offset)
  const endLine = lines.slice(0, range.endLine - 1).join('\n').length + (range.endLine > 1 ? 1 : 0)
  expect(endLine + range.endColumn - 1).toBe(range.offset + range.length)
  return text.slice(range.offset, range.offset + range.length)
}

/** Every value anywhere in the tree (to look for `undefined`). */
function* values(node: unknown): Generator<unknown> {
  yield node
  if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) yield* values(value)
  }
}

const TEXT = `policy "p" {
  # the default
  segment everyone when customer.arr >= 50000 USD | 45000.50 EUR {
    day 1, 3, 5 retry payment when invoice.last_decline is soft
  }
}`

describe('ranges', () => {
  const { ast, diagnostics } = parse(TEXT)
  const policy = ast.policy
  const segment = policy?.items[0]
  if (segment?.kind !== 'segment') throw new Error('expected a segment')
  const step = segment.steps[0]

  it('covers the whole file, and each node its own text', () => {
    expect(diagnostics).toEqual([])
    expect(ast.range).toEqual({
      offset: 0,
      length: TEXT.length,
      line: 1,
      column: 1,
      endLine: 6,
      endColumn: 2,
    })
    expect(covered(TEXT, policy!.range)).toBe(TEXT)
    expect(covered(TEXT, segment.range)).toMatch(/^segment everyone when[^]*soft\n {2}\}$/)
    expect(covered(TEXT, segment.name.range)).toBe('everyone')
    expect(covered(TEXT, segment.when!.range)).toBe('customer.arr >= 50000 USD | 45000.50 EUR')
  })

  it('gives one step with one range per offset', () => {
    expect(segment.steps).toHaveLength(1)
    expect(step!.offsets.map((offset) => covered(TEXT, offset.range))).toEqual(['1', '3', '5'])
    expect(step!.range).toMatchObject({ line: 4, column: 5, endLine: 4 })
    expect(covered(TEXT, step!.range)).toBe(
      'day 1, 3, 5 retry payment when invoice.last_decline is soft',
    )
    expect(covered(TEXT, step!.action.range)).toBe('retry payment')
  })

  it('keeps money amounts as written, each with its range', () => {
    const when = segment.when
    if (when?.kind !== 'compare' || when.right.kind !== 'money') throw new Error('expected money')
    expect(when.right.amounts.map((amount) => amount.amount)).toEqual(['50000', '45000.50'])
    expect(when.right.amounts.map((amount) => covered(TEXT, amount.range))).toEqual([
      '50000 USD',
      '45000.50 EUR',
    ])
    expect(covered(TEXT, when.left.range)).toBe('customer.arr')
  })

  it('keeps comments without the #, with their ranges', () => {
    expect(ast.comments.map((comment) => [comment.text, covered(TEXT, comment.range)])).toEqual([
      [' the default', '# the default'],
    ])
  })
})

describe('partial trees', () => {
  it('leaves out what recovery could not read, and never holds undefined', () => {
    const text = `policy "p" {
  stop when
  segment a {
    day 3 email
    day 4 sms "ok"
    day 5 escalate to
  }
  segment {
    day 1 call "x"
  }
}
test { at day expect email "x" }`
    const { ast, diagnostics } = parse(text)
    expect(diagnostics.length).toBeGreaterThanOrEqual(4)
    expect([...values(ast)]).not.toContain(undefined)
    const kinds = ast.policy?.items.map((item) =>
      item.kind === 'segment' ? `segment ${item.name.text}` : item.kind,
    )
    expect(kinds).toEqual(['segment a'])
    const [a] = ast.policy?.items ?? []
    if (a?.kind !== 'segment') throw new Error('expected a segment')
    expect(a.steps.map((step) => step.action)).toMatchObject([
      { kind: 'notify', template: null },
      { kind: 'notify', template: { value: 'ok' } },
    ])
    expect(ast.tests).toMatchObject([{ kind: 'test', name: null, expectations: [] }])
  })

  it('keeps a step whose condition is cut short, up to its when', () => {
    const text =
      'policy "p" {\n  segment a {\n    day 3 email "x" when invoice.balance >\n    day 4 sms "y"\n  }\n}'
    const { ast, diagnostics } = parse(text)
    expect(diagnostics.map((d) => [d.code, d.range.line])).toEqual([['DUN003', 4]])
    const [a] = ast.policy?.items ?? []
    if (a?.kind !== 'segment') throw new Error('expected a segment')
    expect(a.steps).toMatchObject([
      { action: { kind: 'notify', template: { value: 'x' } }, when: null },
      { action: { kind: 'notify', template: { value: 'y' } } },
    ])
    const cut = a.steps[0]!.range
    expect(text.slice(cut.offset, cut.offset + cut.length)).toBe('day 3 email "x" when')
  })

  it('keeps the policy read before an error its tests resume after', () => {
    const text =
      'policy "p" {\n  segment a { day 1 sms "x" }\n  )\ntest "t" { at day 1 expect sms "x" }'
    const { ast, diagnostics } = parse(text)
    expect(diagnostics.length).toBeGreaterThanOrEqual(1)
    expect(ast.policy?.items.map((item) => item.kind)).toEqual(['segment'])
    expect(ast.tests.map((test) => test.name?.value)).toEqual(['t'])
  })

  it('reads an unterminated string as far as the line goes', () => {
    const { ast, diagnostics } = parse(
      'policy "p" {\n segment a { day 1 email "half\n day 2 sms "b" }\n}',
    )
    expect(diagnostics.map((d) => d.code)).toEqual(['DUN002'])
    const [a] = ast.policy?.items ?? []
    if (a?.kind !== 'segment') throw new Error('expected a segment')
    expect(
      a.steps.map((step) => (step.action.kind === 'notify' ? step.action.template?.value : null)),
    ).toEqual(['half', 'b'])
  })

  it('gives an empty file no policy', () => {
    const { ast, diagnostics } = parse('')
    expect(ast).toMatchObject({ kind: 'file', policy: null, tests: [], comments: [] })
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]?.range).toMatchObject({ offset: 0, length: 0 })
  })
})

describe('token texts', () => {
  it('reports numbers that must be whole, and keeps them', () => {
    const { ast, diagnostics } = parse(
      'policy "p" { limits { at most 2.5 messages per 7 days } segment a { day 1.5 offer payment plan 2.5 instalments } }',
    )
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['DUN006', "'2.5' must be a whole number here"],
      ['DUN006', "'1.5' must be a whole number here"],
      ['DUN006', "'2.5' must be a whole number here"],
    ])
    const [, segment] = ast.policy?.items ?? []
    expect(segment).toMatchObject({
      steps: [{ offsets: [{ value: 1.5 }], action: { instalments: 2.5 } }],
    })
  })

  it('reports times of day out of range', () => {
    const { diagnostics } = parse('policy "p" { limits { quiet hours 24:00 to 08:60 } }')
    expect(diagnostics.map((d) => [d.code, d.range.column])).toEqual([
      ['DUN007', 35],
      ['DUN007', 44],
    ])
  })
})

describe('LineIndex', () => {
  const text = 'ab\ncd\r\nef\rg'
  const lines = new LineIndex(text)

  it('converts offsets to 1-based lines and columns, for every line ending', () => {
    expect(lines.lineCount).toBe(4)
    expect([0, 2, 3, 7, 10, 11].map((offset) => lines.position(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 3 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ])
    const newlines = new LineIndex('ab\n\ncd\n')
    expect(newlines.lineCount).toBe(4)
    expect([0, 3, 4, 6, 7].map((offset) => newlines.position(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 3, column: 3 },
      { line: 4, column: 1 },
    ])
  })

  it('converts positions back to offsets, clamping into the text', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue // inside a \r\n pair
      expect(lines.offset(lines.position(offset))).toBe(offset)
    }
    expect(lines.offset({ line: 1, column: 99 })).toBe(2)
    expect(lines.offset({ line: 99, column: 1 })).toBe(10)
    expect(lines.position(-5)).toEqual({ line: 1, column: 1 })
  })

  it('builds ranges that agree with the lexer', () => {
    expect(lines.range(0, 0)).toMatchObject({
      offset: 0,
      length: 0,
      line: 1,
      column: 1,
      endColumn: 1,
    })
    const text = 'policy "p" {\r\n  currencies USD\r  # c\n\n  anchor due\n}'
    const index = new LineIndex(text)
    const positioned = DunLexer.tokenize(text)
    const tokens = [...positioned.tokens, ...(positioned.groups.comments ?? [])]
    const ranges = tokens.map((token) => tokenRange(token))
    for (const [i, token] of tokens.entries()) {
      expect(index.range(token.startOffset, token.endOffset! + 1)).toEqual(ranges[i])
    }
    // Looked up in any order (the index remembers the last line it found).
    const offsetsOnly = OffsetLexer.tokenize(text)
    const unpositioned = [...offsetsOnly.tokens, ...(offsetsOnly.groups.comments ?? [])]
    for (const i of [...tokens.keys()].reverse()) {
      expect(unpositioned[i]?.startLine).toBeUndefined()
      expect(index.tokenRange(unpositioned[i]!)).toEqual(ranges[i])
    }
    const [first, last] = [offsetsOnly.tokens[0]!, offsetsOnly.tokens.at(-1)!]
    expect(index.span(first, last)).toEqual(index.range(0, text.length))
  })
})
