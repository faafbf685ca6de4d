/** A 95% interval as [low, high], in the same unit as the figure it bounds. */
export type Interval = readonly [low: number, high: number]

/**
 * What an analyst may conclude so far from one arm against the control. `interim` until every
 * arm has the planned sample: the running figures are shown, but they are not a verdict.
 */
export type Verdict =
  | {
      readonly kind: 'interim'
      readonly casesPerArmNeeded: number
      readonly difference: number
      readonly interval: Interval
    }
  | { readonly kind: 'no-difference'; readonly difference: number; readonly interval: Interval }
  | {
      readonly kind: 'recovers-more' | 'recovers-less'
      readonly difference: number
      readonly interval: Interval
    }

/** The service's analysis of one comparison, as far as a verdict needs it. */
export interface ComparisonFigures {
  readonly verdict: 'not-enough-data' | 'significant' | 'no-difference'
  readonly difference: number
  readonly interval: Interval
  /** Cases the arm furthest behind still needs before the verdict (the planned sample). */
  readonly casesPerArmNeeded: number
}

export function verdictOf(figures: ComparisonFigures): Verdict {
  const { difference, interval } = figures
  switch (figures.verdict) {
    case 'not-enough-data':
      return {
        kind: 'interim',
        casesPerArmNeeded: figures.casesPerArmNeeded,
        difference,
        interval,
      }
    case 'no-difference':
      return { kind: 'no-difference', difference, interval }
    case 'significant':
      return { kind: difference > 0 ? 'recovers-more' : 'recovers-less', difference, interval }
  }
}

/** A difference of two rates in percentage points, signed: "+4.2", "−1.0", "0.0". */
export function signedPoints(difference: number): string {
  const points = Math.round(difference * 1000) / 10
  if (points === 0) return '0.0'
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`
}

/** "+4.2 points [+1.1, +7.3]": a difference with its 95% interval. */
export function pointsWithInterval(difference: number, interval: Interval): string {
  return `${signedPoints(difference)} points [${signedPoints(interval[0])}, ${signedPoints(interval[1])}]`
}

/** The verdict in a revenue analyst's words, naming the arm and the control. */
export function verdictText(verdict: Verdict, arm: string, control: string): string {
  switch (verdict.kind) {
    case 'interim':
      return `Interim: do not decide yet, ${casesPerArm(verdict.casesPerArmNeeded)} before the verdict on “${arm}” against “${control}”. So far ${pointsWithInterval(verdict.difference, verdict.interval)}.`
    case 'no-difference':
      return `No significant difference between “${arm}” and “${control}”: ${pointsWithInterval(verdict.difference, verdict.interval)}; the interval shows the effects the data cannot yet rule out.`
    case 'recovers-more':
      return `Arm “${arm}” recovers more than “${control}”: ${pointsWithInterval(verdict.difference, verdict.interval)}.`
    case 'recovers-less':
      return `Arm “${arm}” recovers less than “${control}”: ${pointsWithInterval(verdict.difference, verdict.interval)}.`
  }
}

/** "12 more cases per arm", "1 more case per arm". */
export function casesPerArm(count: number): string {
  return `${count} more ${count === 1 ? 'case' : 'cases'} per arm`
}
