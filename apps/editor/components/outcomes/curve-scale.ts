import type { RecoveryCurve } from '@dun/service'

/** The axes of the time-to-collect chart: whole weeks of days, tenths of cases. */
export interface CurveScale {
  readonly maxDay: number
  readonly dayTicks: readonly number[]
  readonly maxShare: number
  readonly shareTicks: readonly number[]
}

export function curveScale(curves: readonly RecoveryCurve[]): CurveScale {
  const lastDay = Math.max(0, ...curves.flatMap((c) => c.points.map((p) => p.day)))
  const topShare = Math.max(0, ...curves.flatMap((c) => c.points.map((p) => p.share)))
  const maxDay = Math.max(7, Math.ceil((lastDay + 1) / 7) * 7)
  const dayStep = maxDay > 56 ? 14 : 7
  const maxShare = Math.min(1, Math.max(0.1, Math.ceil(topShare * 10) / 10))
  const shareStep = maxShare > 0.6 ? 0.2 : 0.1
  return {
    maxDay,
    dayTicks: Array.from({ length: Math.floor(maxDay / dayStep) + 1 }, (_, i) => i * dayStep),
    maxShare,
    shareTicks: Array.from(
      { length: Math.floor(maxShare / shareStep + 1e-9) + 1 },
      (_, i) => Math.round(i * shareStep * 10) / 10,
    ),
  }
}

/** A curve as a step line: flat until a day, then up to the share recovered by its end. */
export function stepPath(
  curve: RecoveryCurve,
  x: (day: number) => number,
  y: (share: number) => number,
  maxDay: number,
): string {
  const moves = [`M${x(0)},${y(0)}`]
  for (const p of curve.points) moves.push(`H${x(p.day)}`, `V${y(p.share)}`)
  moves.push(`H${x(maxDay)}`)
  return moves.join(' ')
}

/** The share recovered by the end of `day` (the last point at or before it). */
export function shareBy(curve: RecoveryCurve, day: number): { share: number; cases: number } {
  const point = curve.points.filter((p) => p.day <= day).at(-1)
  return { share: point?.share ?? 0, cases: point?.recoveredCases ?? 0 }
}
