import { describe, expect, it } from 'vitest'
import { formatMajorUnits, minorUnitExponent, parseMajorUnits } from '../src/money.js'

describe('money', () => {
  it('knows each currency’s minor unit from ICU data', () => {
    expect(minorUnitExponent('USD')).toBe(2)
    expect(minorUnitExponent('JPY')).toBe(0)
    expect(minorUnitExponent('BHD')).toBe(3)
  })

  it('parses major units to integer minor units without floating point', () => {
    expect(parseMajorUnits('1234.5', 'USD')).toEqual({ ok: true, minor: 123450 })
    expect(parseMajorUnits('0.29', 'EUR')).toEqual({ ok: true, minor: 29 })
    expect(parseMajorUnits('-7', 'JPY')).toEqual({ ok: true, minor: -7 })
    expect(parseMajorUnits('1.001', 'USD')).toMatchObject({ ok: false })
    expect(parseMajorUnits('12,00', 'USD')).toMatchObject({ ok: false })
  })

  it('formats minor units back to the same decimal text', () => {
    expect(formatMajorUnits(123450, 'USD')).toBe('1234.50')
    expect(formatMajorUnits(-5, 'USD')).toBe('-0.05')
    expect(formatMajorUnits(1500, 'JPY')).toBe('1500')
  })
})
