import {
  bootstrapMedianDifference,
  mannWhitney,
  median,
  newcombeInterval,
  normalQuantile,
  twoProportionZTest,
  wilsonInterval,
  type Interval,
} from './statistics.js'

/**
 * How an experiment is read, so that looking at it often does not manufacture winners.
 *
 * Fixed horizon: the test is planned for `minimumSamplePerArm` cases per arm. Until every arm
 * has them, comparisons are interim (verdict `not-enough-data`): their figures are shown, but
 * no verdict is given, however small the p-value — testing again at every refresh and
 * stopping at the first p < 0.05 would make false winners far more common than 5%. Once every
 * arm has them, the verdict is one test on the planned sample, the first
 * `minimumSamplePerArm` cases of each arm in the order they opened; cases after those are
 * counted in the arms' figures but do not move the verdict, so it does not change however
 * often it is read. (A case's outcome is read as of now: a case still open may yet pay.)
 *
 * Multiple comparisons: with k treatment arms against one control, each comparison is tested
 * at alpha / k and its interval is a 1 − alpha / k interval (Bonferroni), so the chance that
 * any arm is declared different when none is stays at most alpha (Bonferroni rather than
 * Holm, so that every interval agrees with its verdict). Comparisons within a
 * segment are exploratory: each segment is tested on its own, with no correction across
 * segments, and their messages say so.
 */

/** The segment name of cases the policy did not segment: the Outcomes page's wording. */
export const NO_SEGMENT = '(no segment)'

/** What one arm's cases came to: how many recovered, and how many days each recovered case took. */
export interface ArmOutcomes {
  readonly arm: string
  readonly cases: number
  readonly recovered: number
  readonly daysToCollect: readonly number[]
}

/** One assigned case: its arm, its segment, and its days to collect (null while unpaid). Lists of them are in the order the cases opened. */
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
 * The first `perArm` cases of each arm, in the order given (the order the cases opened): the
 * sample the fixed-horizon test was planned for.
 */
export function plannedSample(cases: Iterable<CaseOutcome>, perArm: number): CaseOutcome[] {
  const taken = new Map<string, number>()
  const planned: CaseOutcome[] = []
  for (const c of cases) {
    const count = taken.get(c.arm) ?? 0
    if (count >= perArm) continue
    taken.set(c.arm, count + 1)
    planned.push(c)
  }
  return planned
}

/**
 * The analysis of an experiment's cases, in the order they opened: arms' figures from every
 * case, the verdict from the planned sample once every arm reaches it (see the top of this file).
 */
export function analyseCases(
  arms: readonly string[],
  cases: readonly CaseOutcome[],
  options: AnalysisOptions,
): ExperimentAnalysis {
  return analyseExperiment(
    armOutcomes(arms, cases),
    options,
    armOutcomes(arms, plannedSample(cases, options.minimumSamplePerArm)),
  )
}

/**
 * The analysis within each segment the engine put cases in: an effect planted in one
 * segment shows there undiluted. Exploratory: each segment is read on its own planned sample,
 * with no correction across segments.
 */
export function analyseBySegment(
  arms: readonly string[],
  cases: readonly CaseOutcome[],
  options: AnalysisOptions,
): Record<string, ExperimentAnalysis> {
  const segmentOf = (c: CaseOutcome) =>
    c.segment === null || c.segment === '' ? NO_SEGMENT : c.segment
  const segments = [...new Set(cases.map(segmentOf))].sort()
  return Object.fromEntries(
    segments.map((segment) => [
      segment,
      analyseCases(
        arms,
        cases.filter((c) => segmentOf(c) === segment),
        { ...options, exploratory: true },
      ),
    ]),
  )
}

export interface AnalysisOptions {
  /** The planned sample: no verdict until every arm has this many cases, and the verdict reads only these. */
  readonly minimumSamplePerArm: number
  /** Two-sided significance level for the whole family of comparisons (0.05 by default). */
  readonly alpha?: number
  /** False leaves out days to collect (its test and 1,000-resample bootstrap), for overviews. */
  readonly daysToCollect?: boolean
  /** A comparison within a segment: its message says it is exploratory. */
  readonly exploratory?: boolean
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

/** `not-enough-data`: interim, some arm is short of the planned sample; the figures are not a verdict. */
export type Verdict = 'not-enough-data' | 'significant' | 'no-difference'

/** One arm against the control (the first arm). Differences are arm − control. */
export interface ArmComparison {
  readonly arm: string
  readonly control: string
  readonly verdict: Verdict
  /** In words, naming the arms and figures, for the report and the API. */
  readonly message: string
  /** Interim: from every case so far. Otherwise: from the planned sample. */
  readonly recovery: {
    readonly difference: number
    /** Newcombe interval of the difference, at the analysis' `confidence`. */
    readonly interval: Interval
    /** Pooled two-proportion z-test. */
    readonly z: number
    /** Unadjusted: the verdict compares it with `comparisonAlpha`. */
    readonly pValue: number
  }
  /** Null while either arm has fewer than two recovered cases, or when left out (`daysToCollect: false`). */
  readonly daysToCollect: {
    readonly medianDifference: number
    /** Percentile bootstrap interval of the difference of medians, at the analysis' `confidence`. */
    readonly interval: Interval
    /** Mann-Whitney U, normal approximation. */
    readonly z: number
    readonly pValue: number
    /** p < `comparisonAlpha`, and the planned sample is reached. */
    readonly significant: boolean
  } | null
}

export interface ExperimentAnalysis {
  readonly arms: readonly ArmSummary[]
  readonly comparisons: readonly ArmComparison[]
  readonly minimumSamplePerArm: number
  readonly alpha: number
  /** Cases the arm furthest behind still needs before the verdict; 0 once the planned sample is reached. */
  readonly casesPerArmNeeded: number
  /** The level each comparison is tested at: alpha divided by the number of comparisons (Bonferroni). */
  readonly comparisonAlpha: number
  /** The confidence of the differences' intervals: 1 − comparisonAlpha (0.95 with two arms). */
  readonly confidence: number
}

/**
 * Compares each arm with the control. `planned` is the planned sample's outcomes (see
 * `analyseCases`); by default the outcomes are taken to be that sample already.
 */
export function analyseExperiment(
  outcomes: readonly ArmOutcomes[],
  options: AnalysisOptions,
  planned: readonly ArmOutcomes[] = outcomes,
): ExperimentAnalysis {
  const alpha = options.alpha ?? 0.05
  const minimum = options.minimumSamplePerArm
  const comparisonAlpha = alpha / Math.max(1, outcomes.length - 1)
  const casesPerArmNeeded = Math.max(0, ...planned.map((arm) => minimum - arm.cases))
  const final = casesPerArmNeeded === 0
  const [control, ...treatments] = final ? planned : outcomes
  const test: ComparisonTest = {
    comparisonAlpha,
    z: normalQuantile(1 - comparisonAlpha / 2),
    final,
    casesPerArmNeeded,
    minimum,
    daysToCollect: options.daysToCollect ?? true,
    exploratory: options.exploratory ?? false,
  }
  return {
    arms: outcomes.map(summarise),
    comparisons: control ? treatments.map((arm) => compare(arm, control, test)) : [],
    minimumSamplePerArm: minimum,
    alpha,
    casesPerArmNeeded,
    comparisonAlpha,
    confidence: 1 - comparisonAlpha,
  }
}

/** How each comparison is tested and described. */
interface ComparisonTest {
  readonly comparisonAlpha: number
  /** The z of the intervals' confidence. */
  readonly z: number
  /** Every arm has the planned sample. */
  readonly final: boolean
  readonly casesPerArmNeeded: number
  readonly minimum: number
  readonly daysToCollect: boolean
  readonly exploratory: boolean
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

function compare(arm: ArmOutcomes, control: ArmOutcomes, test: ComparisonTest): ArmComparison {
  const safe = (x: number, n: number) => (n > 0 ? x / n : 0)
  const difference = safe(arm.recovered, arm.cases) - safe(control.recovered, control.cases)
  const zTest = twoProportionZTest(arm.recovered, arm.cases, control.recovered, control.cases)
  const interval =
    arm.cases > 0 && control.cases > 0
      ? newcombeInterval(arm.recovered, arm.cases, control.recovered, control.cases, test.z)
      : ([-1, 1] as const)
  const verdict: Verdict = !test.final
    ? 'not-enough-data'
    : zTest.pValue < test.comparisonAlpha
      ? 'significant'
      : 'no-difference'
  const recovery = { difference, interval, z: zTest.statistic, pValue: zTest.pValue }
  return {
    arm: arm.arm,
    control: control.arm,
    verdict,
    message: describe(arm, control, verdict, recovery, test),
    recovery,
    daysToCollect: test.daysToCollect ? compareDays(arm, control, test) : null,
  }
}

function compareDays(arm: ArmOutcomes, control: ArmOutcomes, test: ComparisonTest) {
  if (arm.daysToCollect.length < 2 || control.daysToCollect.length < 2) return null
  const mw = mannWhitney(arm.daysToCollect, control.daysToCollect)
  return {
    medianDifference: median(arm.daysToCollect)! - median(control.daysToCollect)!,
    interval: bootstrapMedianDifference(arm.daysToCollect, control.daysToCollect, {
      level: 1 - test.comparisonAlpha,
    }),
    z: mw.statistic,
    pValue: mw.pValue,
    significant: test.final && mw.pValue < test.comparisonAlpha,
  }
}

function describe(
  arm: ArmOutcomes,
  control: ArmOutcomes,
  verdict: Verdict,
  recovery: { difference: number; interval: Interval; pValue: number },
  test: ComparisonTest,
): string {
  const points = (x: number) => `${(x * 100).toFixed(1)} points`
  const level = `${Number(((1 - test.comparisonAlpha) * 100).toFixed(1))}% CI`
  const { difference, interval, pValue } = recovery
  const figures = `${points(difference)} (${level} ${points(interval[0])} to ${points(interval[1])}, p = ${pValue.toFixed(4)})`
  const prefix = test.exploratory
    ? 'Exploratory, within one segment and not corrected across segments: '
    : ''
  switch (verdict) {
    case 'not-enough-data':
      return (
        `${prefix}Not enough data yet: arm "${arm.arm}" has ${arm.cases} cases and "${control.arm}" ${control.cases}; ` +
        `a verdict needs ${test.minimum} in each (${test.casesPerArmNeeded} more per arm). ` +
        `Interim, do not decide on it: ${figures}.`
      )
    case 'significant':
      return `${prefix}Arm "${arm.arm}" recovers ${difference > 0 ? 'more' : 'less'} than "${control.arm}": ${figures}.`
    case 'no-difference':
      return (
        `${prefix}No difference detected between "${arm.arm}" and "${control.arm}": ${figures}; ` +
        `the interval shows the effects the data cannot yet rule out.`
      )
  }
}
