import { describe, expect, it } from 'vitest'
import { diagnosticsOf, findings, policy } from './checks-support.js'

const withTest = (body: string, steps = 'day 1 email "reminder" as "first"'): string =>
  policy({ steps, tests: `test "t" {\n  ${body}\n}` })

describe('test blocks', () => {
  it('accepts givens of the right types and known segments and steps', () => {
    const body = `given invoice.amount_due = 250 USD, invoice.last_decline = "hard", invoice.disputed = true
  given invoice.due_at = day -3, customer.tags = ["vip"], invoice.attempts = 2
  given customer.promise_to_pay_until = "2026-02-01T09:00:00Z"
  at day 1 expect segment everyone, step "first", step "everyone/first", email "reminder"`
    expect(findings(withTest(body))).toEqual([])
  })

  it('knows the ids the compiler gives unlabelled steps', () => {
    const source = withTest(
      'at day 1 expect step "everyone/notify:email:reminder#1"',
      'day 1 email "reminder"',
    )
    expect(findings(source)).toEqual([])
  })

  it('rejects an unknown segment, with a quick fix', () => {
    const source = withTest('at day 1 expect segment everyon')
    expect(findings(source)).toEqual([{ code: 'DUN701', text: 'everyon' }])
    expect(diagnosticsOf(source, 'DUN701')[0]?.fixes?.[0]?.edits[0]?.text).toBe('everyone')
  })

  it('rejects an unknown step label or id', () => {
    const source = withTest('at day 1 expect step "frist"')
    expect(findings(source)).toEqual([{ code: 'DUN702', text: '"frist"' }])
    expect(diagnosticsOf(source, 'DUN702')[0]?.fixes?.[0]?.edits[0]?.text).toBe('"first"')
  })

  it('rejects a given on an unknown fact, with a suggestion', () => {
    const source = withTest('given custmer.plan = "pro"\n  at day 1 expect nothing')
    expect(findings(source)).toEqual([{ code: 'DUN703', text: 'custmer.plan' }])
    expect(diagnosticsOf(source, 'DUN703')[0]?.fixes?.[0]?.edits[0]?.text).toBe('customer.plan')
  })

  it('rejects a given on a derived fact, naming what to set instead', () => {
    const source = withTest('given invoice.overdue = 3 days\n  at day 1 expect nothing')
    expect(findings(source)).toEqual([{ code: 'DUN704', text: 'invoice.overdue' }])
    const [diagnostic] = diagnosticsOf(source, 'DUN704')
    expect(diagnostic?.message).toContain('invoice.due_at and now')
    expect(diagnostic?.hint).toContain('invoice.due_at')
    const counted = withTest('given dunning.messages_7d = 2\n  at day 1 expect nothing')
    expect(findings(counted)).toEqual([{ code: 'DUN704', text: 'dunning.messages_7d' }])
    expect(diagnosticsOf(counted, 'DUN704')[0]?.hint).not.toMatch(/^Set /)
  })

  it('rejects given values of the wrong type', () => {
    const body = `given invoice.amount_due = 250, invoice.disputed = "yes", invoice.due_at = 3
  given invoice.last_decline = "medium"
  at day 1 expect nothing`
    expect(findings(withTest(body))).toEqual([
      { code: 'DUN705', text: '250' },
      { code: 'DUN705', text: '"yes"' },
      { code: 'DUN705', text: '3' },
      { code: 'DUN105', text: '"medium"' },
    ])
  })

  it('warns on a test without expectations and a fact given twice', () => {
    expect(findings(withTest('given customer.plan = "a", customer.plan = "b"'))).toEqual([
      { code: 'DUN706', text: '"t"' },
      { code: 'DUN708', text: 'customer.plan' },
    ])
  })

  it('rejects two tests with the same name', () => {
    const source = policy({
      tests: 'test "t" { at day 1 expect nothing }\ntest "t" { at day 2 expect nothing }',
    })
    expect(findings(source)).toEqual([{ code: 'DUN707', text: '"t"' }])
    expect(diagnosticsOf(source, 'DUN707')[0]?.range.line).toBe(10)
  })

  it('does not hold test amounts to the policy currencies', () => {
    expect(
      findings(withTest('given invoice.amount_due = 250 GBP\n  at day 1 expect nothing')),
    ).toEqual([])
  })
})

describe('policy', () => {
  it('rejects an empty policy name and a second anchor', () => {
    expect(findings(policy({}).replace('"p"', '""'))).toEqual([{ code: 'DUN601', text: '""' }])
    expect(findings(policy({ items: 'anchor due\n  anchor failure' }))).toEqual([
      { code: 'DUN603', text: 'anchor failure' },
    ])
  })
})
