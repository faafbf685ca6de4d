import { parseMajorUnits } from '@dun/engine'
import { describe, expect, it } from 'vitest'
import { majorUnits } from '../src/compile/major-units.js'

describe('majorUnits (parseMajorUnits, remembered)', () => {
  it('answers as parseMajorUnits does, for valid and invalid amounts', () => {
    for (const [amount, currency] of [
      ['49.99', 'USD'],
      ['049.9', 'EUR'],
      ['1000', 'JPY'],
      ['1.5', 'JPY'],
      ['1.234', 'BHD'],
      ['12a', 'USD'],
    ] as const) {
      expect(majorUnits(amount, currency)).toEqual(parseMajorUnits(amount, currency))
      expect(majorUnits(amount, currency)).toEqual(parseMajorUnits(amount, currency))
    }
  })

  it('keeps the same amount apart per currency', () => {
    expect(majorUnits('1.5', 'USD')).toEqual({ ok: true, minor: 150 })
    expect(majorUnits('1.5', 'JPY').ok).toBe(false)
  })

  it('stays right after forgetting what it remembered', () => {
    for (let i = 0; i < 10_000; i++) {
      expect(majorUnits(`${i}.25`, 'USD')).toEqual({ ok: true, minor: i * 100 + 25 })
    }
    expect(majorUnits('0.25', 'USD')).toEqual({ ok: true, minor: 25 })
  })

  it('hands out answers no caller can change', () => {
    expect(Object.isFrozen(majorUnits('7', 'GBP'))).toBe(true)
  })
})
