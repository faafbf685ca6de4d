import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check } from '../src/check.js'
import { ALL_CODES } from '../src/codes.js'

const folder = fileURLToPath(new URL('../../../examples/', import.meta.url))
const examples = readdirSync(folder)
  .filter((name) => name.endsWith('.dun'))
  .map((name) => readFileSync(folder + name, 'utf8'))
const known = new Set(ALL_CODES.map((c) => c.code))

/** Every diagnostic has a registered code and a range inside the text that agrees with itself. */
function expectWellFormed(text: string): void {
  for (const d of check(text).diagnostics) {
    expect(known.has(d.code), d.code).toBe(true)
    expect(d.range.offset).toBeGreaterThanOrEqual(0)
    expect(d.range.offset + d.range.length).toBeLessThanOrEqual(text.length)
    for (const fix of d.fixes ?? []) {
      for (const edit of fix.edits)
        expect(edit.range.offset + edit.range.length).toBeLessThanOrEqual(text.length)
    }
  }
}

describe('validation of text being typed', () => {
  it('never throws on an example cut anywhere, and reports only registered codes in range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), (text, at) => {
        expectWellFormed(text.slice(0, at % (text.length + 1)))
      }),
      { numRuns: 150 },
    )
  })

  it('never throws when a span of an example is deleted or replaced by another span', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), fc.nat(), fc.nat(), (text, a, b, c) => {
        const [from, to] = [a % text.length, b % text.length].sort((x, y) => x - y) as [
          number,
          number,
        ]
        const paste = text.slice(c % text.length, (c % text.length) + (to - from))
        expectWellFormed(text.slice(0, from) + paste + text.slice(to))
      }),
      { numRuns: 150 },
    )
  })
})
