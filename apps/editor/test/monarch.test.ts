import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DunLexer, reservedWords, tokenClass } from '@dun/dsl'
// Monaco's own Monarch compiler (plain code, no DOM): the grammar must be one Monaco accepts.
import { compile } from 'monaco-editor/editor/standalone/common/monarch/monarchCompile.js'
import { dunMonarch } from '../lib/monaco/monarch.js'

interface CompiledRule {
  readonly regex: RegExp
  readonly action:
    string | { test(id: string, matches: string[], state: unknown, eos: boolean): string }
}

const examplesDir = new URL('../../../examples/', import.meta.url)
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.dun'))

/** The token Monarch gives the text at `offset`: the first rule that matches, as Monaco does. */
function monarchTokenAt(
  rules: readonly CompiledRule[],
  line: string,
): { text: string; token: string } {
  for (const rule of rules) {
    const match = rule.regex.exec(line)
    if (!match) continue
    const token =
      typeof rule.action === 'string' ? rule.action : rule.action.test(match[0], match, null, false)
    return { text: match[0], token }
  }
  return { text: '', token: 'invalid' }
}

describe('the Monarch grammar generated from the lexer', () => {
  const lexer = compile('dun', dunMonarch()) as {
    tokenizer: { root: CompiledRule[] }
  }
  const rules = lexer.tokenizer.root

  it('lists every reserved word under its token class', () => {
    const grammar = dunMonarch() as unknown as Record<string, string[]>
    for (const { text, tokenClass: cls } of reservedWords) {
      expect(grammar[cls], `${text} (${cls})`).toContain(text)
    }
  })

  it.each(examples)('highlights every token of %s with the class the lexer gives it', (file) => {
    const text = readFileSync(new URL(file, examplesDir), 'utf8')
    const lexed = DunLexer.tokenize(text)
    const tokens = [...lexed.tokens, ...(lexed.groups.comments ?? [])]
    expect(tokens.length).toBeGreaterThan(100)
    for (const token of tokens) {
      const lineEnd = text.indexOf('\n', token.startOffset)
      const rest = text.slice(token.startOffset, lineEnd < 0 ? undefined : lineEnd)
      const seen = monarchTokenAt(rules, rest)
      const where = `${file}:${token.startLine}:${token.startColumn} ${token.image}`
      expect(seen.text, where).toBe(token.image)
      expect(seen.token.split('.')[0], where).toBe(tokenClass(token.tokenType))
    }
  })

  it('keeps a word that only starts with a reserved word an identifier, like the lexer', () => {
    expect(monarchTokenAt(rules, 'dayx = 1')).toEqual({ text: 'dayx', token: 'identifier' })
    expect(monarchTokenAt(rules, 'days 3')).toEqual({ text: 'days', token: 'unit' })
    expect(monarchTokenAt(rules, 'USD | 4')).toEqual({ text: 'USD', token: 'literal.currency' })
    expect(monarchTokenAt(rules, 'USDX')).toEqual({ text: 'USDX', token: 'identifier' })
  })
})
