import type { ZoneCalendar } from '../calendar.js'
import type { Plan } from '../compiled.js'
import { STATUTORY_QUIET_HOURS } from '../statutory.js'

const MINUTES_PER_DAY = 1440

/**
 * Quiet hours as the engine applies them: the policy's widened by the statutory
 * 21:00–08:00 (their union), so a policy can tighten the window, never loosen it.
 * Intervals are `[start, end)` in minutes after local midnight, merged and sorted.
 */
export interface SendWindow {
  /** The first minute of a local day outside quiet hours: where `day N` steps are scheduled. */
  readonly opensAt: number
  readonly quiet: readonly (readonly [number, number])[]
  isQuiet(minute: number): boolean
  /** `at` itself when it is outside quiet hours, else the exact instant quiet hours end. */
  nextOpen(calendar: ZoneCalendar, at: number): number
  /** "21:00–08:00", for messages. */
  readonly description: string
}

export function sendWindow(policyQuietHours: Plan['limits']['quietHours']): SendWindow {
  const quiet = merge([
    ...split(STATUTORY_QUIET_HOURS),
    ...(policyQuietHours ? split(policyQuietHours) : []),
  ])
  const first = quiet[0]
  const opensAt = first && first[0] === 0 ? first[1] : 0
  if (opensAt >= MINUTES_PER_DAY) {
    throw new Error(
      `quiet hours ${clock(policyQuietHours?.start ?? 0)} to ${clock(policyQuietHours?.end ?? 0)} together with the statutory 21:00 to 08:00 leave no time to contact anyone; shorten the policy's quiet hours`,
    )
  }
  return {
    opensAt,
    quiet,
    isQuiet: (minute) => containing(quiet, minute) !== undefined,
    nextOpen(calendar, at) {
      const interval = containing(quiet, calendar.minuteOf(at))
      if (!interval) return at
      const day = calendar.dayOf(at)
      return interval[1] < MINUTES_PER_DAY
        ? calendar.instantAt(day, interval[1])
        : calendar.instantAt(day + 1, opensAt)
    },
    description: describe(quiet),
  }
}

// A loop rather than `find`: no closure per question.
function containing(
  quiet: readonly (readonly [number, number])[],
  minute: number,
): readonly [number, number] | undefined {
  for (const interval of quiet) if (minute >= interval[0] && minute < interval[1]) return interval
  return undefined
}

/** A wrapping interval (21:00 to 08:00) becomes two: [21:00, 24:00) and [00:00, 08:00). */
function split({ start, end }: { start: number; end: number }): [number, number][] {
  if (start === end) return []
  if (start < end) return [[start, end]]
  const parts: [number, number][] = [[start, MINUTES_PER_DAY]]
  if (end > 0) parts.push([0, end])
  return parts
}

function merge(intervals: [number, number][]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/** Intervals touching both ends of the day are shown as one wrapping span: "21:00–08:00". */
function describe(quiet: readonly (readonly [number, number])[]): string {
  const spans: [number, number][] = quiet.map(([start, end]) => [start, end])
  const first = spans[0]
  const last = spans[spans.length - 1]
  if (first && last && spans.length > 1 && first[0] === 0 && last[1] === MINUTES_PER_DAY) {
    spans.shift()
    last[1] = first[1]
  }
  return spans.map(([start, end]) => `${clock(start)}–${clock(end)}`).join(', ')
}

function clock(minute: number): string {
  const hours = Math.floor(minute / 60) % 24
  return `${String(hours).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}
