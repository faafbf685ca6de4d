import { describe, expect, it } from 'vitest'
import { CODES } from '../src/codes.js'
import { codes, diagnosticsOf, findings, policy } from './checks-support.js'

const guard = (condition: string): string => policy({ steps: `day 1 email "r" when ${condition}` })

describe('fact paths', () => {
  it('suggests the catalogue path for a shortened leaf, with a quick fix', () => {
    const source = guard('invoice.amount > 5 USD | 5 EUR')
    expect(findings(source)).toEqual([{ code: 'DUN101', text: 'invoice.amount' }])
    const [diagnostic] = diagnosticsOf(source, 'DUN101')
    expect(diagnostic?.message).toContain('invoice.amount_due')
    expect(diagnostic?.fixes?.[0]?.edits).toEqual([
      { range: diagnostic!.range, text: 'invoice.amount_due' },
    ])
  })

  it('corrects a misspelt root segment by segment', () => {
    const [diagnostic] = diagnosticsOf(guard('custmer.plan == "pro"'), 'DUN101')
    expect(diagnostic?.fixes?.[0]?.edits[0]?.text).toBe('customer.plan')
  })

  it('lists the roots when the root is unknown', () => {
    const [diagnostic] = diagnosticsOf(guard('zzz.qqq == "pro"'), 'DUN101')
    expect(diagnostic?.message).toMatch(/invoice, customer, account, history, dunning or now/)
    expect(diagnostic?.fixes).toBeUndefined()
  })

  it('reports an unknown path once, without type errors on top', () => {
    expect(codes(guard('invoice.amount > 5000'))).toEqual(['DUN101'])
  })
})

describe('comparisons', () => {
  it('asks for money when money is compared with a number, in the policy currencies', () => {
    const source = guard('invoice.amount_due > 5000')
    expect(findings(source)).toEqual([{ code: 'DUN102', text: '5000' }])
    expect(diagnosticsOf(source, 'DUN102')[0]?.fixes?.[0]?.edits[0]?.text).toBe(
      '5000 USD | 5000 EUR',
    )
  })

  it('asks for a duration when a duration is compared with a number', () => {
    const source = guard('invoice.overdue > 30')
    expect(findings(source)).toEqual([{ code: 'DUN102', text: '30' }])
    expect(diagnosticsOf(source, 'DUN102')[0]?.hint).toContain('30 days')
  })

  it('accepts zero for money and durations, and instants compared with now', () => {
    expect(findings(guard('invoice.balance <= 0 and invoice.overdue > 0'))).toEqual([])
    expect(findings(guard('customer.promise_to_pay_until > now'))).toEqual([])
    expect(findings(guard('now < customer.promise_to_pay_until'))).toEqual([])
  })

  it('rejects an instant compared with a duration or a number', () => {
    expect(findings(guard('invoice.due_at > 30 days'))).toEqual([
      { code: 'DUN102', text: '30 days' },
    ])
    expect(findings(guard('3 < invoice.due_at'))).toEqual([{ code: 'DUN102', text: '3' }])
  })

  it('warns on a fact compared with itself', () => {
    expect(findings(guard('now > now'))).toEqual([{ code: 'DUN109', text: 'now' }])
  })

  it('rejects ordering on text and true/false', () => {
    expect(findings(guard('customer.plan < "pro"'))).toEqual([
      { code: 'DUN108', text: 'customer.plan' },
    ])
    expect(findings(guard('invoice.disputed > true'))).toEqual([
      { code: 'DUN108', text: 'invoice.disputed' },
    ])
  })

  it('checks a text against the values of an enum fact', () => {
    expect(findings(guard('invoice.status == "paid"'))).toEqual([])
    const source = guard('invoice.status == "opn"')
    expect(findings(source)).toEqual([{ code: 'DUN105', text: '"opn"' }])
    expect(diagnosticsOf(source, 'DUN105')[0]?.fixes?.[0]?.edits[0]?.text).toBe('"open"')
  })

  it('reports money facts in different currencies compared with each other', () => {
    expect(findings(guard('invoice.amount_due > customer.arr'))).toEqual([
      { code: CODES.crossCurrency.code, text: 'customer.arr' },
    ])
    expect(findings(guard('invoice.amount_due > invoice.balance'))).toEqual([])
  })

  it('suggests contains for a list compared with ==', () => {
    const source = guard('customer.tags == "vip"')
    expect(findings(source)).toEqual([{ code: 'DUN102', text: '"vip"' }])
    expect(diagnosticsOf(source, 'DUN102')[0]?.hint).toContain('contains')
  })
})

describe('conditions', () => {
  it('rejects a value that is not true/false where a condition is expected', () => {
    expect(findings(guard('invoice.amount_due'))).toEqual([
      { code: 'DUN103', text: 'invoice.amount_due' },
    ])
    expect(findings(guard('invoice.disputed and customer.plan'))).toEqual([
      { code: 'DUN103', text: 'customer.plan' },
    ])
    expect(findings(policy({ items: 'stop when invoice.balance' }))).toEqual([
      { code: 'DUN103', text: 'invoice.balance' },
    ])
  })

  it('accepts boolean facts and parenthesised conditions', () => {
    expect(findings(guard('not (invoice.disputed or invoice.attempts > 3)'))).toEqual([])
  })
})

describe('is, contains and in', () => {
  it('suggests an enum value for a misspelt is, with a quick fix', () => {
    const source = guard('invoice.last_decline is hrad')
    expect(findings(source)).toEqual([{ code: 'DUN105', text: 'hrad' }])
    expect(diagnosticsOf(source, 'DUN105')[0]?.fixes?.[0]?.edits[0]?.text).toBe('hard')
  })

  it('lists the values when nothing is close', () => {
    const [diagnostic] = diagnosticsOf(guard('invoice.last_decline is medium'), 'DUN105')
    expect(diagnostic?.hint).toContain('hard or soft')
    expect(diagnostic?.fixes?.map((fix) => fix.edits[0]?.text)).toEqual(['hard', 'soft'])
  })

  it('rejects is on a fact without named values', () => {
    expect(findings(guard('customer.plan is enterprise'))).toEqual([
      { code: 'DUN104', text: 'customer.plan' },
    ])
  })

  it('rejects contains on a fact that is not a list', () => {
    expect(findings(guard('customer.plan contains "pro"'))).toEqual([
      { code: 'DUN106', text: 'customer.plan' },
    ])
  })

  it('checks contains items against a list of known values', () => {
    expect(findings(guard('customer.opted_out contains "sms"'))).toEqual([])
    expect(findings(guard('customer.opted_out contains "smss"'))).toEqual([
      { code: 'DUN105', text: '"smss"' },
    ])
  })

  it('rejects in-list items of the wrong type', () => {
    expect(findings(guard('customer.country in ["DE", 3]'))).toEqual([
      { code: 'DUN107', text: '3' },
    ])
    expect(findings(guard('invoice.status not in ["open", "lost"]'))).toEqual([
      { code: 'DUN105', text: '"lost"' },
    ])
  })
})
