import { afterEach, describe, expect, it, vi } from 'vitest'
import { check } from '../src/check.js'
import { codeActions } from '../src/language-service/code-actions.js'
import { complete } from '../src/language-service/complete.js'
import { documentFor } from '../src/language-service/document.js'
import { outline } from '../src/language-service/outline.js'
import { DunLexer } from '../src/tokens.js'

const POLICY = `policy "p" {
  currencies USD
  segment everyone {
    day 1 email "reminder" when invoice.amount_du > 10 USD
  }
}
`

describe('one document per text: what the editor asks after a keystroke', () => {
  it('parses the text once for its diagnostics, outline and quick fixes', () => {
    const checked = check(POLICY)
    expect(outline(POLICY).map((item) => item.name)).toEqual(['everyone'])
    expect(documentFor(POLICY).parsed.ast).toBe(checked.ast)
    expect(check(POLICY)).toBe(checked)
    expect(outline(POLICY)).toBe(outline(POLICY))
    const at = checked.diagnostics[0]!.range
    expect(codeActions(POLICY, at).map((action) => action.title)).toEqual([
      "Replace with 'invoice.amount_due'",
    ])
  })

  it('answers for the text it is given, never for the one before', () => {
    const fixed = POLICY.replace('amount_du', 'amount_due')
    expect(check(POLICY).diagnostics.map((d) => d.code)).toEqual(['DUN101'])
    expect(check(fixed).diagnostics).toEqual([])
    expect(check(fixed).ast).not.toBe(check(POLICY).ast)
    expect(check(POLICY).diagnostics.map((d) => d.code)).toEqual(['DUN101'])
    const renamed = POLICY.replace('everyone', 'all')
    expect(outline(renamed).map((item) => item.name)).toEqual(['all'])
    expect(outline(POLICY).map((item) => item.name)).toEqual(['everyone'])
  })
})

describe('completion after texts that were only checked', () => {
  const segment = (i: number) =>
    `  segment s${i} when customer.plan == "p${i}" {\n    day 1 email "r${i}"\n  }\n`
  const body = Array.from({ length: 200 }, (_, i) => segment(i)).join('')
  const text = `policy "big" {\n  currencies USD\n${body}  segment everyone {\n    day 1 email "x" when invoice.\n  }\n}\n`
  const cursor = text.lastIndexOf('invoice.') + 'invoice.'.length

  afterEach(() => vi.restoreAllMocks())

  it('re-lexes only the edited line, as after a completion', () => {
    expect(complete(text, cursor).length).toBeGreaterThan(0)
    // Typed twice; the editor checks the first text but asks no completion on it.
    check(text.slice(0, cursor) + 'a' + text.slice(cursor))
    const typed = text.slice(0, cursor) + 'am' + text.slice(cursor)
    const tokenize = vi.spyOn(DunLexer, 'tokenize')
    const items = complete(typed, cursor + 2)
    expect(items.map((item) => item.label)).toContain('amount_due')
    expect(tokenize.mock.calls.map(([source]) => source.length)).toEqual([
      '    day 1 email "x" when invoice.am'.length,
    ])
  })
})
