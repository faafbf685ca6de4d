/**
 * The few statistics the experiment analysis needs, written out so each figure can be
 * checked against a textbook value (tests do): Wilson intervals for a proportion, Newcombe's
 * hybrid score interval for a difference, the pooled two-proportion z-test, Mann-Whitney U.
 */

export type Interval = readonly [low: number, high: number]

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054

/** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2)
}

function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x))
  const poly =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  const value = t * Math.exp(poly)
  return x >= 0 ? value : 2 - value
}

/** Quantiles already found: an analysis asks for the same few levels over and over. */
const quantiles = new Map<number, number>()

/**
 * The z with normalCdf(z) = p, for 0 < p < 1, by bisection on normalCdf: forty halvings of
 * [−10, 10] pin it far closer than the CDF's own 1.2e-7 accuracy.
 */
export function normalQuantile(p: number): number {
  let z = quantiles.get(p)
  if (z === undefined) {
    z = bisectNormalCdf(p)
    quantiles.set(p, z)
  }
  return z
}

function bisectNormalCdf(p: number): number {
  let low = -10
  let high = 10
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2
    if (normalCdf(mid) < p) low = mid
    else high = mid
  }
  return (low + high) / 2
}

export function twoSidedP(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))))
}

/** Wilson score interval: stays inside [0, 1] and behaves at small counts, unlike Wald's. */
export function wilsonInterval(successes: number, trials: number, z = Z95): Interval {
  if (trials === 0) return [0, 1]
  const p = successes / trials
  const z2 = z * z
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
  const half =
    (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials)
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** Newcombe's method 10 for p1 − p2, built from each arm's Wilson interval. */
export function newcombeInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z = Z95,
): Interval {
  const p1 = x1 / n1
  const p2 = x2 / n2
  const [l1, u1] = wilsonInterval(x1, n1, z)
  const [l2, u2] = wilsonInterval(x2, n2, z)
  const difference = p1 - p2
  const below = Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
  const above = Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
  return [difference - below, difference + above]
}

export interface TestResult {
  readonly statistic: number
  readonly pValue: number
}

/** Pooled two-proportion z-test of p1 = p2. */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TestResult {
  const pooled = (x1 + x2) / (n1 + n2)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  if (se === 0) return { statistic: 0, pValue: 1 }
  const statistic = (x1 / n1 - x2 / n2) / se
  return { statistic, pValue: twoSidedP(statistic) }
}

/**
 * Mann-Whitney U of sample a against b (normal approximation with tie and continuity
 * corrections); `statistic` is z, positive when a tends to be larger.
 */
export function mannWhitney(
  a: readonly number[],
  b: readonly number[],
): TestResult & { u: number } {
  const n1 = a.length
  const n2 = b.length
  const n = n1 + n2
  const all = [
    ...a.map((value) => ({ value, first: true })),
    ...b.map((value) => ({ value, first: false })),
  ]
  all.sort((x, y) => x.value - y.value)
  let rankSum = 0
  let ties = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && all[j + 1]!.value === all[i]!.value) j++
    const rank = (i + j + 2) / 2
    const size = j - i + 1
    ties += size ** 3 - size
    for (let k = i; k <= j; k++) if (all[k]!.first) rankSum += rank
    i = j + 1
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2
  const mean = (n1 * n2) / 2
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)))
  if (!(variance > 0)) return { u, statistic: 0, pValue: 1 }
  const shifted = u - mean
  const statistic = (shifted - Math.sign(shifted) * 0.5) / Math.sqrt(variance)
  return { u, statistic, pValue: twoSidedP(statistic) }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return medianOfSorted(sorted)
}

function medianOfSorted(sorted: readonly number[]): number {
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Percentile bootstrap of median(a) − median(b) at `level` (0.95 by default), seeded so the
 * same data always gives the same interval. Each resample is drawn as counts over the sorted
 * values, so no resample needs a sort.
 */
export function bootstrapMedianDifference(
  a: readonly number[],
  b: readonly number[],
  {
    resamples = 1_000,
    seed = 1,
    level = 0.95,
  }: { resamples?: number; seed?: number; level?: number } = {},
): Interval {
  const next = mulberry32(seed)
  const sortedA = [...a].sort((x, y) => x - y)
  const sortedB = [...b].sort((x, y) => x - y)
  const differences: number[] = []
  for (let r = 0; r < resamples; r++) {
    differences.push(resampledMedian(sortedA, next) - resampledMedian(sortedB, next))
  }
  differences.sort((x, y) => x - y)
  const at = (q: number) => differences[Math.min(resamples - 1, Math.floor(q * resamples))]!
  return [at((1 - level) / 2), at((1 + level) / 2)]
}

function resampledMedian(sorted: readonly number[], next: () => number): number {
  const n = sorted.length
  const counts = new Uint32Array(n)
  for (let i = 0; i < n; i++) counts[Math.floor(next() * n)]! += 1
  const lowRank = (n - 1) >> 1
  const highRank = n >> 1
  let low = 0
  let high = 0
  let seen = 0
  for (let i = 0; i < n; i++) {
    const before = seen
    seen += counts[i]!
    if (before <= lowRank && lowRank < seen) low = sorted[i]!
    if (before <= highRank && highRank < seen) {
      high = sorted[i]!
      break
    }
  }
  return (low + high) / 2
}

/** A seeded uniform generator on [0, 1) (mulberry32): the same seed draws the same numbers. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}
