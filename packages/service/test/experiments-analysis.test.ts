import { describe, expect, it } from 'vitest'
import {
  generatePlantedHistory,
  type HistoryCase,
  type PlantedArm,
  type PlantedHistoryOptions,
} from '@dun/engine'
import {
  analyseBySegment,
  analyseExperiment,
  armOutcomes,
  type ArmOutcomes,
} from '../src/experiments/analysis.js'
import { assignArm } from '../src/experiments/assignment.js'
import {
  mannWhitney,
  newcombeInterval,
  normalCdf,
  twoProportionZTest,
  wilsonInterval,
} from '../src/experiments/statistics.js'

const email = (day: number) => ({ day, channel: 'email', response: { '*': 0.1 } })
const control: PlantedArm = { name: 'A', contacts: [email(0), email(3), email(7)] }
/** The planted effect: SMS on day 3 makes 18% of unpaid customers pay within 3 days, not 10%. */
const treatment: PlantedArm = {
  name: 'B',
  contacts: [email(0), { day: 3, channel: 'sms', response: { smb: 0.18, '*': 0.1 } }, email(7)],
}
const HORIZON = 30
const HAZARD = 0.01
/** P(recovered by the horizon) = 1 − (1−h)^H·Π(1−p): only the day-3 factor differs. */
const TRUE_DIFFERENCE = (1 - HAZARD) ** HORIZON * 0.9 * 0.9 * (0.9 - 0.82)

function history(
  arms: PlantedArm[],
  seed: string,
  segments: PlantedHistoryOptions['segments'] = { smb: { share: 1, dailyHazard: HAZARD } },
  cases = 16_000,
): HistoryCase[] {
  const weighted = arms.map((arm) => ({ name: arm.name, weight: 1 }))
  return generatePlantedHistory({
    seed,
    cases,
    horizonDays: HORIZON,
    segments,
    arms,
    assign: (customer) => assignArm('default', `exp-${seed}`, customer, weighted),
  })
}

const asOutcomes = (cases: readonly HistoryCase[]) =>
  cases.map((c) => ({ arm: c.arm, segment: c.segment, daysToCollect: c.paidDay }))

const covers = ([low, high]: readonly [number, number], value: number) =>
  low < value && value < high

function outcomesOf(cases: readonly HistoryCase[], arms: readonly string[]): ArmOutcomes[] {
  return armOutcomes(arms, asOutcomes(cases))
}

describe('experiment analysis on histories whose truth is known', () => {
  it('detects the planted SMS effect, and its interval covers the true difference', () => {
    const cases = history([control, treatment], 'planted')
    const analysis = analyseExperiment(outcomesOf(cases, ['A', 'B']), {
      minimumSamplePerArm: 1_000,
    })
    const [comparison] = analysis.comparisons
    expect(comparison?.verdict).toBe('significant')
    expect(comparison!.recovery.pValue).toBeLessThan(0.001)
    const [low, high] = comparison!.recovery.interval
    expect(low).toBeLessThan(TRUE_DIFFERENCE)
    expect(high).toBeGreaterThan(TRUE_DIFFERENCE)
    expect(low).toBeGreaterThan(0)
    expect(comparison!.message).toMatch(/Arm "B" recovers more than "A"/)
  })

  it('reports no difference on an A/A history, with an interval around zero', () => {
    const cases = history([control, { ...control, name: 'A2' }], 'aa')
    const analysis = analyseExperiment(outcomesOf(cases, ['A', 'A2']), {
      minimumSamplePerArm: 1_000,
    })
    const [comparison] = analysis.comparisons
    expect(comparison?.verdict).toBe('no-difference')
    const [low, high] = comparison!.recovery.interval
    expect(low).toBeLessThan(0)
    expect(high).toBeGreaterThan(0)
    expect(comparison!.daysToCollect?.significant).toBe(false)
    expect(comparison!.message).toMatch(/No difference detected between "A2" and "A"/)
  })

  it('finds the effect in the segment it was planted in and none in the other, with calibrated intervals', () => {
    // One history can land outside a 95% interval by design, so this checks the claim itself
    // over 40 histories: a calibrated interval covers the truth 38 times on average, 33 or
    // fewer with probability 0.3%; an interval half as wide as it should be, about 27 times.
    const segments = {
      smb: { share: 0.5, dailyHazard: HAZARD },
      mid: { share: 0.5, dailyHazard: HAZARD },
    }
    const tally = { detected: 0, covered: 0, quiet: 0, nullCovered: 0 }
    for (let run = 0; run < 40; run++) {
      const cases = history([control, treatment], `segments-${run}`, segments, 12_000)
      // About 3,000 cases per arm in each segment: the planned sample is 2,800 of them.
      const bySegment = analyseBySegment(['A', 'B'], asOutcomes(cases), {
        minimumSamplePerArm: 2_800,
      })
      const smb = bySegment.smb!.comparisons[0]!
      const mid = bySegment.mid!.comparisons[0]!
      if (smb.verdict === 'significant' && smb.recovery.difference > 0) tally.detected++
      if (covers(smb.recovery.interval, TRUE_DIFFERENCE)) tally.covered++
      if (mid.verdict === 'no-difference') tally.quiet++
      if (covers(mid.recovery.interval, 0)) tally.nullCovered++
    }
    for (const [figure, count] of Object.entries(tally)) {
      expect(count, `${figure} in 40 histories`).toBeGreaterThanOrEqual(34)
    }
  })

  it('gives no verdict before every arm has the minimum sample, however large the effect', () => {
    const analysis = analyseExperiment(
      [
        { arm: 'A', cases: 200, recovered: 20, daysToCollect: [] },
        { arm: 'B', cases: 200, recovered: 150, daysToCollect: [] },
      ],
      { minimumSamplePerArm: 500 },
    )
    expect(analysis.comparisons[0]?.verdict).toBe('not-enough-data')
    expect(analysis.comparisons[0]?.message).toMatch(/Not enough data yet.*needs 500 in each/)
    expect(analysis.comparisons[0]?.message).toContain('Interim, do not decide on it')
    expect(analysis.comparisons[0]?.daysToCollect).toBeNull()
  })

  it('finds that the treatment collects sooner when it does', () => {
    const cases = history([control, treatment], 'planted')
    const [comparison] = analyseExperiment(outcomesOf(cases, ['A', 'B']), {
      minimumSamplePerArm: 1_000,
    }).comparisons
    const days = comparison!.daysToCollect!
    expect(days.z).toBeLessThan(0)
    expect(days.interval[0]).toBeLessThanOrEqual(days.medianDifference)
    expect(days.interval[1]).toBeGreaterThanOrEqual(days.medianDifference)
  })
})

describe('statistics against published values', () => {
  it('matches the normal CDF', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5)
  })

  it('matches Newcombe (1998): Wilson 81/263 and method 10 for 56/70 − 48/80', () => {
    const [low, high] = wilsonInterval(81, 263)
    expect(low).toBeCloseTo(0.2553, 4)
    expect(high).toBeCloseTo(0.3662, 4)
    const [dLow, dHigh] = newcombeInterval(56, 70, 48, 80)
    expect(dLow).toBeCloseTo(0.0524, 4)
    expect(dHigh).toBeCloseTo(0.3339, 4)
  })

  it('computes the pooled z and Mann-Whitney U', () => {
    const z = twoProportionZTest(60, 100, 40, 100)
    expect(z.statistic).toBeCloseTo(0.2 / Math.sqrt(0.25 * 0.02), 10)
    const separated = mannWhitney(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    )
    expect(separated.u).toBe(0)
    expect(separated.statistic).toBeCloseTo(-49.5 / Math.sqrt(175), 6)
    expect(mannWhitney([1, 1, 2], [1, 1, 2]).pValue).toBeCloseTo(1, 6)
  })
})

describe('sticky assignment', () => {
  const arms = [
    { name: 'A', weight: 70 },
    { name: 'B', weight: 30 },
  ]

  it('gives a customer the same arm every time, and follows the split', () => {
    let inB = 0
    for (let i = 0; i < 20_000; i++) {
      const arm = assignArm('default', 'exp_1', `cus_${i}`, arms)
      expect(assignArm('default', 'exp_1', `cus_${i}`, arms)).toBe(arm)
      if (arm === 'B') inB++
    }
    expect(inB / 20_000).toBeGreaterThan(0.285)
    expect(inB / 20_000).toBeLessThan(0.315)
  })

  it('reshuffles customers in another experiment or workspace', () => {
    const customers = Array.from({ length: 1_000 }, (_, i) => `cus_${i}`)
    const even = [
      { name: 'A', weight: 1 },
      { name: 'B', weight: 1 },
    ]
    const first = customers.map((c) => assignArm('default', 'exp_1', c, even))
    const second = customers.map((c) => assignArm('default', 'exp_2', c, even))
    const other = customers.map((c) => assignArm('acme', 'exp_1', c, even))
    const agree = (x: string[], y: string[]) => x.filter((arm, i) => arm === y[i]).length
    expect(agree(first, second)).toBeGreaterThan(400)
    expect(agree(first, second)).toBeLessThan(600)
    expect(agree(first, other)).toBeLessThan(600)
  })

  it('refuses arms without weight', () => {
    expect(() => assignArm('default', 'exp_1', 'c', [{ name: 'A', weight: 0 }])).toThrow(
      /exp_1.*positive weight/,
    )
  })
})
