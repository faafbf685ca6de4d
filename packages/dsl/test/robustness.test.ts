import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { check, compile, DunLexer, format, type Diagnostic } from '../src/index.js'

/**
 * The editor re-checks on every keystroke, so the front end must survive any text:
 * never throw, and every diagnostic must point inside the text it was given.
 */
const examplesDir = new URL('../../../examples/', import.meta.url)
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.dun'))
  .map((name) => ({ name, text: readFileSync(new URL(name, examplesDir), 'utf8') }))

function expectInside(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const { range } of diagnostics) {
    expect(range.offset).toBeGreaterThanOrEqual(0)
    expect(range.length).toBeGreaterThanOrEqual(0)
    expect(range.offset + range.length).toBeLessThanOrEqual(text.length)
  }
}

describe('every prefix of every example, cut at each token boundary', () => {
  for (const { name, text } of examples) {
    it(`${name}: check, compile and format answer with diagnostics, never a crash`, () => {
      const tokens = DunLexer.tokenize(text).tokens
      expect(tokens.length).toBeGreaterThan(100)
      let depth = 0
      for (const token of tokens) {
        depth += token.image === '{' ? 1 : token.image === '}' ? -1 : 0
        const prefix = text.slice(0, token.endOffset! + 1)
        const checked = check(prefix)
        expectInside(prefix, checked.diagnostics)
        // A cut inside a block always lacks at least that block's closing brace.
        if (depth > 0) expect(checked.diagnostics.some((d) => d.severity === 'error')).toBe(true)
        expectInside(prefix, compile(prefix).diagnostics)
        expectInside(prefix, format(prefix).diagnostics)
      }
    })
  }
})

describe('any text at all', () => {
  const words = [
    'policy',
    'segment',
    'day',
    'when',
    'email',
    '"x"',
    '{',
    '}',
    'invoice.balance',
    '<=',
    '5',
    'USD',
    '|',
    ',',
    '#',
    '\n',
    'and',
    'not',
    'test',
    'at',
    'expect',
  ]
  const dunish = fc
    .array(fc.constantFrom(...words), { maxLength: 60 })
    .map((parts) => parts.join(' '))

  it('check never throws and keeps diagnostics inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), dunish), (text) => {
        expectInside(text, check(text).diagnostics)
        expectInside(text, compile(text).diagnostics)
      }),
      { numRuns: 400 },
    )
  })
})

describe('formatting the examples', () => {
  for (const { name, text } of examples) {
    it(`${name} is idempotent`, () => {
      const once = format(text).text
      expect(once).not.toBeNull()
      expect(format(once!).text).toBe(once)
    })
  }
})
