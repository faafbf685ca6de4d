import { describe, expect, it } from 'vitest'
import { findings, policy } from './checks-support.js'

describe('segments', () => {
  it('rejects two segments with the same name', () => {
    const source = policy({
      segments: `segment vip when customer.tags contains "vip" { day 1 call "x" }
  segment vip when customer.plan == "pro" { day 1 call "x" }`,
    })
    expect(findings(source)).toEqual([{ code: 'DUN301', text: 'vip' }])
    expect(source.indexOf('vip', source.indexOf('vip {') + 1)).toBeGreaterThan(0)
  })

  it('warns when no catch-all comes last', () => {
    const source = policy({}).replace(
      'segment everyone {',
      'segment pro when customer.plan == "pro" {',
    )
    expect(findings(source)).toEqual([{ code: 'DUN302', text: 'pro' }])
  })

  it('warns on a segment after the catch-all, and rejects a second catch-all', () => {
    const source = `${policy({}).trimEnd().slice(0, -1)}
  segment late when customer.plan == "pro" { day 1 call "x" }
  segment rest { day 1 call "x" }
}`
    expect(findings(source)).toEqual([
      { code: 'DUN303', text: 'late' },
      { code: 'DUN305', text: 'rest' },
    ])
  })

  it('warns on a segment shadowed by an earlier one with the same predicate', () => {
    const source = policy({
      segments: `segment a when customer.plan == "pro" and not invoice.disputed { day 1 call "x" }
  segment b when (customer.plan == "pro") and (not invoice.disputed) { day 2 call "x" }`,
    })
    expect(findings(source)).toEqual([{ code: 'DUN303', text: 'b' }])
  })

  it('treats an always-true predicate as a catch-all and an always-false one as unreachable', () => {
    const source = policy({
      segments: `segment never when false { day 1 call "x" }
  segment all when true or invoice.disputed { day 1 call "x" }`,
    })
    expect(findings(source)).toEqual([
      { code: 'DUN303', text: 'false' },
      { code: 'DUN303', text: 'everyone' },
    ])
  })

  it('warns on a segment without steps', () => {
    expect(findings(policy({ steps: '' }))).toEqual([{ code: 'DUN304', text: 'everyone' }])
  })

  it('rejects a policy without segments', () => {
    expect(findings('policy "p" {\n  currencies USD\n}\n')).toEqual([
      { code: 'DUN602', text: '"p"' },
    ])
  })
})
