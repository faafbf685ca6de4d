import { describe, expect, it } from 'vitest'
import {
  analyseBySegment,
  analyseCases,
  analyseExperiment,
  armOutcomes,
  type ArmOutcomes,
  type CaseOutcome,
} from '../src/experiments/analysis.js'
import { mulberry32 } from '../src/experiments/statistics.js'

/** Cases arriving one by one, each in arm A or B at even odds, recovered with its arm's rate. */
function arrivals(seed: number, rates: { A: number; B: number }, count: number): CaseOutcome[] {
  const next = mulberry32(seed)
  return Array.from({ length: count }, () => {
    const arm = next() < 0.5 ? 'A' : 'B'
    return { arm, segment: null, daysToCollect: next() < rates[arm] ? 5 : null }
  })
}

const ARMS = ['A', 'B']
const PLANNED = 100
const options = { minimumSamplePerArm: PLANNED, daysToCollect: false }

/**
 * Reads the experiment after every arriving case, as the auto-refreshing page does, and says
 * whether any reading declared a difference: `honest` as the analysis does, `naive` testing
 * every case so far once the minimum is reached (what the page did before the fixed horizon).
 */
function everyLook(cases: readonly CaseOutcome[]): { honest: boolean; naive: boolean } {
  let honest = false
  let naive = false
  for (let seen = 1; seen <= cases.length; seen++) {
    const sofar = cases.slice(0, seen)
    const read = analyseCases(ARMS, sofar, options).comparisons[0]!
    honest ||= read.verdict === 'significant'
    const all = analyseExperiment(armOutcomes(ARMS, sofar), options).comparisons[0]!
    naive ||= all.verdict === 'significant'
  }
  return { honest, naive }
}

describe('reading an experiment at every step (fixed horizon)', () => {
  it('declares a difference that is not there in about 5% of experiments, however often it is read', () => {
    const experiments = 1_000
    let honest = 0
    let naive = 0
    for (let seed = 1; seed <= experiments; seed++) {
      const looks = everyLook(arrivals(seed, { A: 0.5, B: 0.5 }, 3 * PLANNED))
      if (looks.honest) honest++
      if (looks.naive) naive++
    }
    console.info(
      `false verdicts: ${honest / experiments} read at every case, ${naive / experiments} naive`,
    )
    expect(honest / experiments).toBeLessThan(0.07)
    expect(honest / experiments).toBeGreaterThan(0.03)
    // The check has teeth: testing again at every case past the minimum inflates it.
    expect(naive / experiments).toBeGreaterThan(0.09)
  })

  it('reaches the verdict on a planted 20-point difference once the planned sample is in, and keeps it', () => {
    const experiments = 100
    let detected = 0
    for (let seed = 1; seed <= experiments; seed++) {
      const cases = arrivals(seed, { A: 0.3, B: 0.5 }, 4 * 150)
      const verdicts = new Set<string>()
      let beforeHorizon = true
      for (let seen = 1; seen <= cases.length; seen++) {
        const analysis = analyseCases(ARMS, cases.slice(0, seen), {
          minimumSamplePerArm: 150,
          daysToCollect: false,
        })
        const read = analysis.comparisons[0]!
        if (beforeHorizon && analysis.casesPerArmNeeded === 0) beforeHorizon = false
        if (beforeHorizon) expect(read.verdict).toBe('not-enough-data')
        else verdicts.add(`${read.verdict} ${read.recovery.difference}`)
      }
      expect(verdicts.size, `seed ${seed}: one verdict from the horizon on`).toBe(1)
      if ([...verdicts][0]!.startsWith('significant')) detected++
    }
    console.info(`planted difference detected in ${detected / experiments}`)
    expect(detected / experiments).toBeGreaterThan(0.85)
  })

  it('labels interim figures and counts the cases per arm still needed', () => {
    const analysis = analyseExperiment(
      [
        { arm: 'A', cases: 200, recovered: 20, daysToCollect: [] },
        { arm: 'B', cases: 120, recovered: 100, daysToCollect: [] },
      ],
      { minimumSamplePerArm: 500 },
    )
    expect(analysis.casesPerArmNeeded).toBe(380)
    expect(analysis.comparisons[0]?.verdict).toBe('not-enough-data')
    expect(analysis.comparisons[0]?.message).toMatch(
      /^Not enough data yet: arm "B" has 120 cases and "A" 200; a verdict needs 500 in each \(380 more per arm\)\. Interim, do not decide on it: 73\.3 points/,
    )
  })
})

/** Binomial draws for each arm of a planned sample. */
function plannedArms(next: () => number, rates: readonly number[], perArm: number): ArmOutcomes[] {
  return rates.map((rate, i) => {
    let recovered = 0
    for (let k = 0; k < perArm; k++) if (next() < rate) recovered++
    return { arm: `arm-${i}`, cases: perArm, recovered, daysToCollect: [] }
  })
}

describe('several arms against one control (Bonferroni)', () => {
  it('keeps the chance of any false winner among three arms near 5%', () => {
    const experiments = 2_000
    const next = mulberry32(7)
    let corrected = 0
    let uncorrected = 0
    for (let e = 0; e < experiments; e++) {
      const analysis = analyseExperiment(plannedArms(next, [0.4, 0.4, 0.4, 0.4], 200), {
        minimumSamplePerArm: 200,
      })
      if (analysis.comparisons.some((c) => c.verdict === 'significant')) corrected++
      if (analysis.comparisons.some((c) => c.recovery.pValue < 0.05)) uncorrected++
    }
    console.info(
      `any false winner of three: ${corrected / experiments} corrected, ${uncorrected / experiments} not`,
    )
    expect(corrected / experiments).toBeLessThan(0.07)
    expect(uncorrected / experiments).toBeGreaterThan(0.1)
  })

  it('tests each of k comparisons at 5% / k with matching intervals, and says so', () => {
    const analysis = analyseExperiment(
      [
        { arm: 'control', cases: 1_000, recovered: 400, daysToCollect: [] },
        { arm: 'sms', cases: 1_000, recovered: 445, daysToCollect: [] },
        { arm: 'letter', cases: 1_000, recovered: 400, daysToCollect: [] },
        { arm: 'call', cases: 1_000, recovered: 400, daysToCollect: [] },
      ],
      { minimumSamplePerArm: 1_000 },
    )
    expect(analysis.comparisonAlpha).toBeCloseTo(0.05 / 3, 12)
    expect(analysis.confidence).toBeCloseTo(1 - 0.05 / 3, 12)
    const sms = analysis.comparisons[0]!
    // p ≈ 0.041: significant alone, not among three comparisons.
    expect(sms.recovery.pValue).toBeGreaterThan(0.0167)
    expect(sms.recovery.pValue).toBeLessThan(0.05)
    expect(sms.verdict).toBe('no-difference')
    expect(sms.recovery.interval[0]).toBeLessThan(0)
    expect(sms.message).toContain('98.3% CI')
    const alone = analyseExperiment(
      [
        { arm: 'control', cases: 1_000, recovered: 400, daysToCollect: [] },
        { arm: 'sms', cases: 1_000, recovered: 445, daysToCollect: [] },
      ],
      { minimumSamplePerArm: 1_000 },
    ).comparisons[0]!
    expect(alone.verdict).toBe('significant')
    expect(alone.recovery.interval[0]).toBeGreaterThan(0)
    expect(alone.message).toContain('95% CI')
  })
})

describe('the overview for lists', () => {
  it('leaves out days to collect (and their bootstrap), keeping the same verdict', () => {
    const outcomes = [
      {
        arm: 'A',
        cases: 100,
        recovered: 30,
        daysToCollect: Array.from({ length: 30 }, (_, i) => i % 9),
      },
      {
        arm: 'B',
        cases: 100,
        recovered: 50,
        daysToCollect: Array.from({ length: 50 }, (_, i) => i % 5),
      },
    ]
    const full = analyseExperiment(outcomes, { minimumSamplePerArm: 100 }).comparisons[0]!
    const overview = analyseExperiment(outcomes, { minimumSamplePerArm: 100, daysToCollect: false })
      .comparisons[0]!
    expect(full.daysToCollect?.interval).toHaveLength(2)
    expect(overview.daysToCollect).toBeNull()
    expect(overview.verdict).toBe(full.verdict)
    expect(overview.recovery).toEqual(full.recovery)
  })
})

describe('comparisons within segments', () => {
  it('are labelled exploratory, and unsegmented cases fall under "(no segment)"', () => {
    const cases: CaseOutcome[] = [
      ...arrivals(3, { A: 0.3, B: 0.5 }, 40).map((c) => ({ ...c, segment: 'smb' })),
      ...arrivals(4, { A: 0.3, B: 0.5 }, 20).map((c) => ({ ...c, segment: '' })),
      ...arrivals(5, { A: 0.3, B: 0.5 }, 20),
    ]
    const bySegment = analyseBySegment(ARMS, cases, { minimumSamplePerArm: 5 })
    expect(Object.keys(bySegment)).toEqual(['(no segment)', 'smb'])
    expect(bySegment['(no segment)']!.arms.reduce((sum, arm) => sum + arm.cases, 0)).toBe(40)
    for (const analysis of Object.values(bySegment)) {
      expect(analysis.comparisons[0]!.message).toMatch(
        /^Exploratory, within one segment and not corrected across segments: /,
      )
    }
  })
})
