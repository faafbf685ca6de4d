import type { DurationLiteral, DurationUnit } from '../ast.js'
import { CompileError } from './compile-error.js'

const MS_PER_UNIT: Record<DurationUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
}

const MS_PER_DAY = MS_PER_UNIT.day

/** A duration literal in milliseconds: the unit duration facts are compared in. */
export function durationMs(duration: DurationLiteral): number {
  return duration.value * MS_PER_UNIT[duration.unit]
}

/** A duration literal in whole days (cap windows, plan intervals); `what` names it in the error. */
export function durationDays(duration: DurationLiteral, what: string): number {
  const days = durationMs(duration) / MS_PER_DAY
  if (!Number.isInteger(days) || days <= 0) {
    throw new CompileError(
      `${what} must be a whole number of days, not ${duration.value} ${duration.unit}(s)`,
      duration.range,
      'Write it in days or weeks, e.g. "7 days" or "2 weeks".',
    )
  }
  return days
}
