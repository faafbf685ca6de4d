import { describe, expect, it } from 'vitest'
import { days, percentInterval, pValue, signedDays } from '../lib/server/experiments/format.js'
import {
  differenceAxis,
  niceStep,
  position,
  rateAxis,
} from '../lib/server/experiments/chart-scale.js'
import {
  pointsWithInterval,
  signedPoints,
  verdictOf,
  verdictText,
} from '../lib/server/experiments/verdict.js'

const figures = {
  difference: 0.062,
  interval: [0.021, 0.103] as const,
  casesPerArmNeeded: 0,
}

describe('experiment verdicts in an analyst’s words', () => {
  it('labels the running figures interim, with the cases per arm still needed', () => {
    const verdict = verdictOf({ ...figures, verdict: 'not-enough-data', casesPerArmNeeded: 380 })
    expect(verdict).toEqual({
      kind: 'interim',
      casesPerArmNeeded: 380,
      difference: 0.062,
      interval: [0.021, 0.103],
    })
    expect(verdictText(verdict, 'sms', 'control')).toBe(
      'Interim: do not decide yet, 380 more cases per arm before the verdict on “sms” against “control”. So far +6.2 points [+2.1, +10.3].',
    )
    expect(
      verdictText(
        { kind: 'interim', casesPerArmNeeded: 1, difference: 0, interval: [0, 0] },
        'sms',
        'control',
      ),
    ).toContain('1 more case per arm')
  })

  it('names the arm that recovers more, with the difference and its interval in points', () => {
    const verdict = verdictOf({ ...figures, verdict: 'significant' })
    expect(verdict.kind).toBe('recovers-more')
    expect(verdictText(verdict, 'sms', 'control')).toBe(
      'Arm “sms” recovers more than “control”: +6.2 points [+2.1, +10.3].',
    )
  })

  it('says when an arm recovers less', () => {
    const verdict = verdictOf({
      ...figures,
      verdict: 'significant',
      difference: -0.05,
      interval: [-0.09, -0.011],
    })
    expect(verdictText(verdict, 'letter', 'control')).toBe(
      'Arm “letter” recovers less than “control”: −5.0 points [−9.0, −1.1].',
    )
  })

  it('reports no significant difference with the interval it cannot rule out', () => {
    const verdict = verdictOf({
      ...figures,
      verdict: 'no-difference',
      difference: 0.004,
      interval: [-0.03, 0.038],
    })
    expect(verdictText(verdict, 'sms', 'control')).toMatch(
      /^No significant difference between “sms” and “control”: \+0\.4 points \[−3\.0, \+3\.8\]/,
    )
  })

  it('writes points signed, and zero without a sign', () => {
    expect(signedPoints(0.0004)).toBe('0.0')
    expect(signedPoints(-0.1234)).toBe('−12.3')
    expect(pointsWithInterval(0.1, [0, 0.2])).toBe('+10.0 points [0.0, +20.0]')
  })
})

describe('interval chart axes', () => {
  it('keeps recovery rates within 0–100% and at least ten points wide', () => {
    const tight = rateAxis([[0.41, 0.43]])
    expect(tight.domain[1] - tight.domain[0]).toBeCloseTo(0.1)
    expect(tight.domain[0]).toBeLessThanOrEqual(0.41)
    expect(tight.domain[1]).toBeGreaterThanOrEqual(0.43)
    const wide = rateAxis([
      [0, 0.3],
      [0.8, 1],
    ])
    expect(wide.domain).toEqual([0, 1])
    expect(wide.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
  })

  it('centres differences on zero and places values on the pixels', () => {
    const axis = differenceAxis([[-0.01, 0.1]])
    expect(axis.domain[0]).toBeCloseTo(-axis.domain[1])
    expect(axis.ticks).toContain(0)
    expect(position(axis, 0, 100, 300)).toBeCloseTo(200)
    expect(position(axis, 5, 100, 300)).toBe(300)
  })

  it('rounds steps to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.03)).toBeCloseTo(0.05)
    expect(niceStep(0.11)).toBeCloseTo(0.2)
    expect(niceStep(7)).toBe(10)
  })
})

describe('figures for the tables', () => {
  it('writes tiny p-values as a bound, others to four decimals', () => {
    expect(pValue(0.00001)).toBe('< 0.0001')
    expect(pValue(0.04321)).toBe('0.0432')
  })

  it('writes days to collect and their signed differences', () => {
    expect(days(null)).toBe('—')
    expect(days(1)).toBe('1.0 day')
    expect(signedDays(-2, [-3.54, -0.5])).toBe('−2.0 days [−3.5, −0.5]')
    expect(percentInterval([0.381, 0.465])).toBe('[38.1%, 46.5%]')
  })
})
