import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { complete } from '../src/language-service/complete.js'
import { hover } from '../src/language-service/hover.js'
import { semanticTokens } from '../src/language-service/semantic-tokens.js'

const folder = fileURLToPath(new URL('../../../examples/', import.meta.url))
const examples = readdirSync(folder).filter((name) => name.endsWith('.dun'))

describe.each(examples)('the language service on every position of %s', (name) => {
  const text = readFileSync(folder + name, 'utf8')
  // Cut the file at each position too: the editor asks mid-typing, with the rest missing.
  const offsets = Array.from({ length: text.length + 1 }, (_, i) => i).filter((i) => i % 5 === 0)

  it('completes and hovers without throwing, with ranges inside the text', () => {
    for (const offset of offsets) {
      for (const source of [text, text.slice(0, offset)]) {
        for (const item of complete(source, offset)) {
          expect(item.range.offset + item.range.length).toBe(offset)
        }
        const result = hover(source, offset)
        if (result)
          expect(result.range.offset + result.range.length).toBeLessThanOrEqual(source.length)
      }
    }
  })

  it('gives semantic tokens in order, without overlap', () => {
    const tokens = semanticTokens(text)
    tokens.slice(1).forEach((token, i) => {
      expect(token.offset).toBeGreaterThanOrEqual(tokens[i]!.offset + tokens[i]!.length)
    })
  })
})
