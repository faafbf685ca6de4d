import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { check } from '../src/check.js'
import { ALL_CODES, CODES } from '../src/codes.js'
import { didYouMean, editDistance } from '../src/did-you-mean.js'
import { SYNTAX_CODES } from '../src/syntax-errors.js'
import { codes, findings, policy } from './checks-support.js'

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

describe('the code registry', () => {
  it('has unique codes, the syntax codes included', () => {
    const ids = ALL_CODES.map((c) => c.code)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(Object.keys(SYNTAX_CODES)))
    expect(ids).toEqual(expect.arrayContaining(Object.values(CODES).map((c) => c.code)))
  })

  it('documents every code in the table of LANGUAGE.md, with its severity', () => {
    const language = readFileSync(here('../LANGUAGE.md'), 'utf8')
    const table = language.slice(language.indexOf('## Diagnostic codes'))
    const rows = new Map(
      [...table.matchAll(/^\| (DUN\d{3}) \| (\w+) \|/gm)].map((m) => [m[1]!, m[2]!]),
    )
    for (const info of ALL_CODES)
      expect([info.code, rows.get(info.code)]).toEqual([info.code, info.severity])
    expect(rows.size).toBe(ALL_CODES.length)
  })
})

describe('check', () => {
  it('finds nothing wrong in the examples', () => {
    const folder = here('../../../examples/')
    const examples = readdirSync(folder).filter((name) => name.endsWith('.dun'))
    expect(examples.length).toBeGreaterThan(0)
    for (const name of examples) {
      const diagnostics = check(readFileSync(folder + name, 'utf8')).diagnostics
      expect([name, diagnostics]).toEqual([name, []])
    }
  })

  it('stops after parsing a file without a policy', () => {
    expect(codes('# only a comment\n')).toEqual(['DUN003'])
    expect(codes('test "t" { at day 1 expect nothing }')).toEqual(['DUN003'])
  })

  it('keeps validating a tree cut short by a syntax error, but not for absent parts', () => {
    const source = policy({
      steps: 'day 1 email "r" when invoice.amount_due > 5000\n    day 2 email',
      tests: 'test "t" { given invoice.amount_due = 5 USD }',
    })
    const found = codes(source)
    expect(found).toContain('DUN102')
    expect(found.some((code) => code.startsWith('DUN00'))).toBe(true)
    expect(found).not.toContain(CODES.testWithoutExpectation.code)
  })

  it('returns diagnostics in source order', () => {
    const source = policy({
      items: 'limits { at most 0 sms per 7 days }',
      steps: 'day 1 email "" when invoice.amount_due > 5',
    })
    const offsets = check(source).diagnostics.map((d) => d.range.offset)
    expect(offsets.length).toBe(3)
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b))
  })

  it('gives every diagnostic a message and a hint', () => {
    const source = policy({
      items: 'anchor due\n  anchor due',
      steps: 'day 1 email "" when invoice.amont > 5',
    })
    for (const diagnostic of check(source).diagnostics) {
      expect(diagnostic.message.length).toBeGreaterThan(10)
      expect(diagnostic.hint?.length).toBeGreaterThan(5)
    }
    expect(findings(source).map((f) => f.code)).toEqual(['DUN603', 'DUN408', 'DUN101'])
  })
})

describe('did you mean', () => {
  it('measures typos, swapped letters included', () => {
    expect(editDistance('email', 'emial')).toBe(1)
    expect(editDistance('sms', 'sms')).toBe(0)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })

  it('suggests close names and names the word begins, and nothing far away', () => {
    expect(didYouMean('emial', ['email', 'sms', 'letter'])).toBe('email')
    expect(didYouMean('amount', ['amount_due', 'balance'])).toBe('amount_due')
    expect(didYouMean('xyz', ['email', 'sms'])).toBeNull()
    expect(didYouMean('medium', ['hard', 'soft'])).toBeNull()
  })
})
