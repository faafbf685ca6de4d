import {
  bootstrapMedianDifference,
  mannWhitney,
  median,
  newcombeInterval,
  twoProportionZTest,
  wilsonInterval,
  type Interval,
} from './statistics.js'

/** What one arm's cases came to: how many recovered, and how many days each recovered case took. */
export interface ArmOutcomes {
  readonly arm: string
  readonly cases: number
  readonly recovered: number
  readonly daysToCollect: readonly number[]
}

/** One assigned case: its arm, its segment, and its days to collect (null while unpaid). */
export interface CaseOutcome {
  readonly arm: string
  readonly segment: string | null
  readonly daysToCollect: number | null
}

/** Tallies cases per arm, in the arms' order (the first is the control); unknown arms are left out. */
export function armOutcomes(arms: readonly string[], cases: Iterable<CaseOutcome>): ArmOutcomes[] {
  const tallies = new Map(arms.map((arm) => [arm, { cases: 0, days: [] as number[] }]))
  for (const c of cases) {
    const tally = tallies.get(c.arm)
    if (!tally) continue
    tally.cases += 1
    if (c.daysToCollect !== null) tally.days.push(c.daysToCollect)
  }
  return arms.map((arm) => {
    const { cases: count, days } = tallies.get(arm)!
    return { arm, cases: count, recovered: days.length, daysToCollect: days }
  })
}

/**
 * The analysis within each segment the engine put cases in: an effect planted in one
 * segment shows there undiluted. Each segment must reach the minimum sample on its own.
 */
export function analyseBySegment(
  arms: readonly string[],
  cases: readonly CaseOutcome[],
  options: AnalysisOptions,
): Record<string, ExperimentAnalysis> {
  const segments = [...new Set(cases.map((c) => c.segment ?? '(none)'))].sort()
  return Object.fromEntries(
    segments.map((segment) => [
      segment,
      analyseExperiment(
        armOutcomes(
          arms,
          cases.filter((c) => (c.segment ?? '(none)') === segment),
        ),
        options,
      ),
    ]),
  )
}

export interface AnalysisOptions {
  /** No verdict until every compared arm has this many cases. */
  readonly minimumSamplePerArm: number
  /** Two-sided significance level (0.05 by default). */
  readonly alpha?: number
}

export interface ArmSummary {
  readonly arm: string
  readonly cases: number
  readonly recovered: number
  readonly recoveryRate: number | null
  /** Wilson 95% interval. */
  readonly recoveryInterval: Interval
  readonly medianDaysToCollect: number | null
}

export type Verdict = 'not-enough-data' | 'significant' | 'no-difference'

/** One arm against the control (the first arm). Differences are arm − control. */
export interface ArmComparison {
  readonly arm: string
  readonly control: string
  readonly verdict: Verdict
  /** In words, naming the arms and figures, for the report and the API. */
  readonly message: string
  readonly recovery: {
    readonly difference: number
    /** Newcombe 95% interval of the difference. */
    readonly interval: Interval
    /** Pooled two-proportion z-test. */
    readonly z: number
    readonly pValue: number
  }
  /** Null while either arm has fewer than two recovered cases. */
  readonly daysToCollect: {
    readonly medianDifference: number
    /** Percentile bootstrap 95% interval of the difference of medians. */
    readonly interval: Interval
    /** Mann-Whitney U, normal approximation. */
    readonly z: number
    readonly pValue: number
    readonly significant: boolean
  } | null
}

export interface ExperimentAnalysis {
  readonly arms: readonly ArmSummary[]
  readonly comparisons: readonly ArmComparison[]
  readonly minimumSamplePerArm: number
  readonly alpha: number
}

export function analyseExperiment(
  outcomes: readonly ArmOutcomes[],
  options: AnalysisOptions,
): ExperimentAnalysis {
  const alpha = options.alpha ?? 0.05
  const [control, ...treatments] = outcomes
  return {
    arms: outcomes.map(summarise),
    comparisons: control
      ? treatments.map((arm) => compare(arm, control, options.minimumSamplePerArm, alpha))
      : [],
    minimumSamplePerArm: options.minimumSamplePerArm,
    alpha,
  }
}

function summarise(arm: ArmOutcomes): ArmSummary {
  return {
    arm: arm.arm,
    cases: arm.cases,
    recovered: arm.recovered,
    recoveryRate: arm.cases > 0 ? arm.recovered / arm.cases : null,
    recoveryInterval: wilsonInterval(arm.recovered, arm.cases),
    medianDaysToCollect: median(arm.daysToCollect),
  }
}

function compare(
  arm: ArmOutcomes,
  control: ArmOutcomes,
  minimum: number,
  alpha: number,
): ArmComparison {
  const safe = (x: number, n: number) => (n > 0 ? x / n : 0)
  const difference = safe(arm.recovered, arm.cases) - safe(control.recovered, control.cases)
  const test = twoProportionZTest(arm.recovered, arm.cases, control.recovered, control.cases)
  const interval =
    arm.cases > 0 && control.cases > 0
      ? newcombeInterval(arm.recovered, arm.cases, control.recovered, control.cases)
      : ([-1, 1] as const)
  const verdict = verdictOf(arm, control, minimum, test.pValue, alpha)
  return {
    arm: arm.arm,
    control: control.arm,
    verdict,
    message: describe(arm, control, verdict, difference, interval, test.pValue, minimum),
    recovery: { difference, interval, z: test.statistic, pValue: test.pValue },
    daysToCollect: compareDays(arm, control, alpha),
  }
}

function verdictOf(
  arm: ArmOutcomes,
  control: ArmOutcomes,
  minimum: number,
  pValue: number,
  alpha: number,
): Verdict {
  if (arm.cases < minimum || control.cases < minimum) return 'not-enough-data'
  return pValue < alpha ? 'significant' : 'no-difference'
}

function compareDays(arm: ArmOutcomes, control: ArmOutcomes, alpha: number) {
  if (arm.daysToCollect.length < 2 || control.daysToCollect.length < 2) return null
  const test = mannWhitney(arm.daysToCollect, control.daysToCollect)
  return {
    medianDifference: median(arm.daysToCollect)! - median(control.daysToCollect)!,
    interval: bootstrapMedianDifference(arm.daysToCollect, control.daysToCollect),
    z: test.statistic,
    pValue: test.pValue,
    significant: test.pValue < alpha,
  }
}

function describe(
  arm: ArmOutcomes,
  control: ArmOutcomes,
  verdict: Verdict,
  difference: number,
  interval: Interval,
  pValue: number,
  minimum: number,
): string {
  const points = (x: number) => `${(x * 100).toFixed(1)} points`
  const figures = `${points(difference)} (95% CI ${points(interval[0])} to ${points(interval[1])}, p = ${pValue.toFixed(4)})`
  switch (verdict) {
    case 'not-enough-data':
      return (
        `Not enough data yet: arm "${arm.arm}" has ${arm.cases} cases and "${control.arm}" ${control.cases}; ` +
        `a verdict needs ${minimum} in each. Keep the experiment running.`
      )
    case 'significant':
      return `Arm "${arm.arm}" recovers ${difference > 0 ? 'more' : 'less'} than "${control.arm}": ${figures}.`
    case 'no-difference':
      return (
        `No difference detected between "${arm.arm}" and "${control.arm}": ${figures}; ` +
        `the interval shows the effects the data cannot yet rule out.`
      )
  }
}
