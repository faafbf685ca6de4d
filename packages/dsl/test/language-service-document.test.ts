import { describe, expect, it } from 'vitest'
import { check } from '../src/check.js'
import { codeActions } from '../src/language-service/code-actions.js'
import { documentFor } from '../src/language-service/document.js'
import { outline } from '../src/language-service/outline.js'

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
