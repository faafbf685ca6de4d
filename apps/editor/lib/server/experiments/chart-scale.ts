import type { Interval } from './verdict'

/** A linear axis: its domain and the round values to mark on it. */
export interface Axis {
  readonly domain: Interval
  readonly ticks: readonly number[]
}

/**
 * The axis for recovery rates: the intervals with a margin, never beyond 0–100%, at least
 * ten points wide so a tight interval does not look like a wide one.
 */
export function rateAxis(intervals: readonly Interval[]): Axis {
  const low = Math.min(...intervals.map((i) => i[0]), 1)
  const high = Math.max(...intervals.map((i) => i[1]), 0)
  const margin = Math.max((high - low) * 0.1, 0.02)
  let from = Math.max(0, low - margin)
  let to = Math.min(1, high + margin)
  if (to - from < 0.1) {
    const centre = (from + to) / 2
    from = Math.max(0, Math.min(centre - 0.05, 0.9))
    to = from + 0.1
  }
  return withTicks([from, to])
}

/** The axis for differences: symmetric around zero, so "no difference" sits in the middle. */
export function differenceAxis(intervals: readonly Interval[]): Axis {
  const reach = Math.max(0.02, ...intervals.flatMap((i) => [Math.abs(i[0]), Math.abs(i[1])]))
  return withTicks([-reach * 1.1, reach * 1.1])
}

function withTicks(domain: Interval): Axis {
  const step = niceStep((domain[1] - domain[0]) / 5)
  const ticks: number[] = []
  for (let k = Math.ceil(domain[0] / step - 1e-9); k * step <= domain[1] + 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)))
  }
  return { domain, ticks }
}

/** The round step (1, 2 or 5 times a power of ten) nearest above `rough`. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough))
  const multiple = [1, 2, 5, 10].find((m) => m * power >= rough) ?? 10
  return multiple * power
}

/** Where a value falls on an axis drawn from `left` to `right` pixels. */
export function position(axis: Axis, value: number, left: number, right: number): number {
  const [from, to] = axis.domain
  const clamped = Math.min(to, Math.max(from, value))
  return left + ((clamped - from) / (to - from)) * (right - left)
}
