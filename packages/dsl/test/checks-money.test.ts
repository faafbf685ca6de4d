import { describe, expect, it } from 'vitest'
import { diagnosticsOf, findings, policy } from './checks-support.js'

const guard = (condition: string): string => policy({ steps: `day 1 email "r" when ${condition}` })

describe('money', () => {
  it('accepts an amount per listed currency', () => {
    expect(findings(guard('invoice.amount_due > 5000 USD | 4500.50 EUR'))).toEqual([])
  })

  it('rejects a currency the policy does not list, suggesting a listed one', () => {
    expect(findings(guard('invoice.amount_due > 5 USD | 5 EUR | 5 GBP'))).toEqual([
      { code: 'DUN201', text: 'GBP' },
    ])
  })

  it('rejects a code that is not ISO 4217', () => {
    const source = guard('invoice.amount_due > 5 USD | 5 EUX')
    expect(findings(source)).toContainEqual({ code: 'DUN202', text: 'EUX' })
    expect(diagnosticsOf(source, 'DUN202')[0]?.fixes?.[0]?.edits[0]?.text).toBe('EUR')
  })

  it('rejects the same currency twice in one amount', () => {
    expect(findings(guard('invoice.amount_due > 5 USD | 6 USD | 5 EUR'))).toEqual([
      { code: 'DUN203', text: '6 USD' },
    ])
  })

  it('warns when an amount misses one of the policy currencies', () => {
    const source = guard('invoice.amount_due > 5000 USD')
    expect(findings(source)).toEqual([{ code: 'DUN204', text: '5000 USD' }])
    expect(diagnosticsOf(source, 'DUN204')[0]?.message).toContain('EUR')
  })

  it('rejects more decimals than the currency has', () => {
    expect(findings(guard('invoice.amount_due > 5.001 USD | 5 EUR'))).toEqual([
      { code: 'DUN205', text: '5.001 USD' },
    ])
    expect(
      findings(
        policy({ items: '', steps: 'day 1 email "r" when invoice.amount_due > 5.5 JPY' }).replace(
          'USD, EUR',
          'JPY',
        ),
      ),
    ).toEqual([{ code: 'DUN205', text: '5.5 JPY' }])
  })

  it('checks late fees like thresholds', () => {
    expect(findings(policy({ steps: 'day 1 late fee 25 USD' }))).toEqual([
      { code: 'DUN204', text: '25 USD' },
    ])
  })
})

describe('currencies', () => {
  const withCurrencies = (line: string): string => policy({}).replace('currencies USD, EUR', line)

  it('requires a currencies declaration', () => {
    expect(findings(withCurrencies(''))).toEqual([{ code: 'DUN207', text: '"p"' }])
  })

  it('rejects a second declaration and warns on a currency listed twice', () => {
    expect(findings(withCurrencies('currencies USD\n currencies EUR'))).toEqual([
      { code: 'DUN208', text: 'currencies EUR' },
    ])
    expect(findings(withCurrencies('currencies USD, EUR, USD'))).toEqual([
      { code: 'DUN209', text: 'USD' },
    ])
    expect(
      diagnosticsOf(withCurrencies('currencies USD, EUR, USD'), 'DUN209')[0]?.range.column,
    ).toBe(24)
  })

  it('rejects a listed code that is not ISO 4217', () => {
    expect(findings(withCurrencies('currencies USD, XYZ'))).toEqual([
      { code: 'DUN202', text: 'XYZ' },
    ])
  })
})
