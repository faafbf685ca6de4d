import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  amountParser,
  parseBoolean,
  parseDeclineClass,
  parseStatus,
} from '../../src/dataset/cell-parsers.js'
import { CellProblem } from '../../src/dataset/cell-problem.js'
import { dateFormatProblem, dateParser } from '../../src/dataset/date-format.js'
import { parseMajorUnits } from '../../src/money.js'
import {
  DECLINE_CODES,
  canonicalDeclineCode,
  declineClassOf,
} from '../../src/dataset/decline-codes.js'

const utc = (text: string) => Date.parse(text)

describe('date formats', () => {
  it('reads ISO 8601 with an offset, with Z, and without one in the default zone', () => {
    const iso = dateParser('ISO', 'Europe/Berlin')
    expect(iso('2024-03-01T09:30:00Z')).toBe(utc('2024-03-01T09:30:00Z'))
    expect(iso('2024-03-01T09:30:00.250+02:00')).toBe(utc('2024-03-01T07:30:00.250Z'))
    expect(iso('2024-03-01T09:30:00-0500')).toBe(utc('2024-03-01T14:30:00Z'))
    expect(iso('2024-03-01')).toBe(utc('2024-02-29T23:00:00Z'))
    expect(iso('2024-07-01 12:00')).toBe(utc('2024-07-01T10:00:00Z'))
  })

  it('reads M/D/YYYY, D.M.YYYY and YYYY-MM-DD HH:mm in the zone, across DST', () => {
    expect(dateParser('M/D/YYYY', 'America/New_York')('3/9/2024')).toBe(utc('2024-03-09T05:00:00Z'))
    expect(dateParser('M/D/YYYY', 'America/New_York')('12/31/2024')).toBe(
      utc('2024-12-31T05:00:00Z'),
    )
    expect(dateParser('D.M.YYYY', 'UTC')('31.1.2024')).toBe(utc('2024-01-31T00:00:00Z'))
    const local = dateParser('YYYY-MM-DD HH:mm', 'America/New_York')
    expect(local('2024-03-10 01:30')).toBe(utc('2024-03-10T06:30:00Z'))
    expect(local('2024-03-10 03:30')).toBe(utc('2024-03-10T07:30:00Z'))
    expect(local('2024-07-04 09:00')).toBe(utc('2024-07-04T13:00:00Z'))
  })

  it('rejects dates no calendar has and text in another format', () => {
    expect(() => dateParser('D.M.YYYY', 'UTC')('31.2.2024')).toThrow(
      'is not a date in format D.M.YYYY',
    )
    expect(() => dateParser('ISO', 'UTC')('2023-02-29')).toThrow(CellProblem)
    expect(() => dateParser('ISO', 'UTC')('2024-01-01T24:00:00Z')).toThrow(CellProblem)
    expect(() => dateParser('ISO', 'UTC')('2024-01-01T10:00:00+5')).toThrow(CellProblem)
    expect(() => dateParser('M/D/YYYY', 'UTC')('2024-01-05')).toThrow(CellProblem)
    expect(dateParser('ISO', 'UTC')('2024-02-29')).toBe(utc('2024-02-29T00:00:00Z'))
  })

  it('explains unusable formats', () => {
    expect(dateFormatProblem('M/D/YYYY')).toBeNull()
    expect(dateFormatProblem('DD/MM')).toMatch(/has no year/)
    expect(dateFormatProblem('DD/MM/YY')).toMatch(/unknown letters "YY"/)
    expect(dateFormatProblem('M/D/YYYY hh')).toMatch(/unknown letters "hh"/)
  })
})

describe('booleans', () => {
  it.each([
    ['Yes', true],
    ['no', false],
    ['TRUE', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['Y', true],
    ['n', false],
  ])('reads %s', (text, value) => expect(parseBoolean(text)).toBe(value))

  it('rejects anything else with a hint', () => {
    expect(() => parseBoolean('maybe')).toThrow('is not a yes/no value')
  })
})

describe('amounts', () => {
  it('converts each layout to minor units without floats', () => {
    expect(amountParser('1234.56')('1234.50', 'USD')).toBe(123450)
    expect(amountParser('1,234.56')('1,234,567.89', 'USD')).toBe(123456789)
    expect(amountParser('1.234,56')('1.234,5', 'EUR')).toBe(123450)
    expect(amountParser('1234,56')('0,29', 'EUR')).toBe(29)
    expect(amountParser('1 234,56')('12 000,00', 'EUR')).toBe(1200000)
    expect(amountParser('1234.56')('1200', 'JPY')).toBe(1200)
  })

  it('rejects more decimals than the currency has, and foreign layouts', () => {
    expect(() => amountParser('1234.56')('1.001', 'USD')).toThrow(
      'is not an amount in format 1234.56 for USD',
    )
    expect(() => amountParser('1234.56')('1,234.50', 'USD')).toThrow(CellProblem)
    expect(() => amountParser('1234.56')('$12', 'USD')).toThrow(CellProblem)
  })
})

describe('statuses and decline codes', () => {
  it('maps billing status words onto ours', () => {
    expect(parseStatus('Overdue')).toBe('open')
    expect(parseStatus('Written off')).toBe('uncollectible')
    expect(parseStatus('PAID')).toBe('paid')
    expect(() => parseStatus('lost')).toThrow('is not an invoice status')
  })

  it('classes real decline codes as hard or soft', () => {
    expect(declineClassOf('insufficient_funds')).toBe('soft')
    expect(declineClassOf('do_not_honor')).toBe('soft')
    expect(declineClassOf('try_again_later')).toBe('soft')
    expect(declineClassOf('processing_error')).toBe('soft')
    for (const hard of [
      'expired_card',
      'lost_card',
      'stolen_card',
      'pickup_card',
      'invalid_account',
      'fraudulent',
      'incorrect_cvc',
    ]) {
      expect(declineClassOf(hard)).toBe('hard')
    }
    expect(Object.values(DECLINE_CODES).every((code) => code.doc.length > 0)).toBe(true)
  })

  it('recognises codes written as words or ISO 8583 numbers; unknown codes are soft', () => {
    expect(canonicalDeclineCode('Insufficient Funds')).toBe('insufficient_funds')
    expect(canonicalDeclineCode('do-not-honor')).toBe('do_not_honor')
    expect(canonicalDeclineCode('54')).toBe('expired_card')
    expect(declineClassOf('43')).toBe('hard')
    expect(canonicalDeclineCode(' bank_said_no ')).toBe('bank_said_no')
    expect(declineClassOf('bank_said_no')).toBe('soft')
  })

  it('reads a decline class column', () => {
    expect(parseDeclineClass('HARD')).toBe('hard')
    expect(() => parseDeclineClass('medium')).toThrow('is not a decline class')
  })
})

describe('amounts read without a regex', () => {
  // What amountParser did before plain decimals were read by character codes.
  const SEPARATORS = {
    '1234.56': [null, '.'],
    '1234,56': [null, ','],
    '1,234.56': [/,/g, '.'],
  } as const
  const viaRegex = (format: keyof typeof SEPARATORS, text: string, currency: string) => {
    const [thousands, decimal] = SEPARATORS[format]
    let plain = thousands ? text.replace(thousands, '') : text
    if (decimal === ',') plain = plain.replace(',', '.')
    const parsed = parseMajorUnits(plain, currency)
    return parsed.ok ? parsed.minor : 'rejected'
  }
  const read = (format: keyof typeof SEPARATORS, text: string, currency: string) => {
    try {
      return amountParser(format)(text, currency)
    } catch (problem) {
      if (problem instanceof CellProblem) return 'rejected'
      throw problem
    }
  }

  it('read every text exactly as parseMajorUnits does, in every currency exponent', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[0-9]{0,17}([.,][0-9]{0,5})?$/),
      fc.string({ unit: fc.constantFrom(...'0123456789.,- +') }),
    )
    const format = fc.constantFrom(...(Object.keys(SEPARATORS) as (keyof typeof SEPARATORS)[]))
    const currency = fc.constantFrom('USD', 'JPY', 'BHD', 'CLF')
    fc.assert(
      fc.property(format, text, currency, (f, t, c) => {
        expect(read(f, t, c)).toEqual(viaRegex(f, t, c))
      }),
      { numRuns: 20_000 },
    )
    expect(read('1234.56', '12.', 'JPY')).toBe(12)
    expect(read('1234.56', '90071992547409.93', 'USD')).toBe('rejected')
  })
})
