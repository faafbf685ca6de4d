import { STATUTORY_QUIET_HOURS } from '@dun/engine'
import type { QuietHours, TimeOfDay } from '../ast.js'

/** Minutes after local midnight. */
export function minuteOfDay(time: TimeOfDay): number {
  return time.hours * 60 + time.minutes
}

/** A time the parser accepted in shape but not in range (`25:00`): it has reported it already. */
export function isValidTime(time: TimeOfDay): boolean {
  return time.hours <= 23 && time.minutes <= 59
}

/** Whether `minute` lies in the window from `start` (inclusive) to `end` (exclusive), which may wrap midnight. */
function inWindow(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end
}

/**
 * The quiet window that holds `time` back, as text, or null when contact is allowed then:
 * the policy's quiet hours, and the statutory ones whatever the policy says.
 */
export function quietWindowAt(time: TimeOfDay, policy: QuietHours | null): string | null {
  if (!isValidTime(time)) return null
  const minute = minuteOfDay(time)
  if (
    policy !== null &&
    isValidTime(policy.start) &&
    isValidTime(policy.end) &&
    inWindow(minute, minuteOfDay(policy.start), minuteOfDay(policy.end))
  ) {
    return `the policy's quiet hours ${policy.start.text} to ${policy.end.text}`
  }
  if (inWindow(minute, STATUTORY_QUIET_HOURS.start, STATUTORY_QUIET_HOURS.end)) {
    return `the statutory quiet hours ${clock(STATUTORY_QUIET_HOURS.start)} to ${clock(STATUTORY_QUIET_HOURS.end)}`
  }
  return null
}

export function clock(minutes: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}
