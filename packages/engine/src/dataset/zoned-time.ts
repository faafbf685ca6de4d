import { DateTime } from 'luxon'

/** A wall-clock time in some zone, as read from a file. Months are 1-based. */
export interface LocalTime {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly millisecond: number
}

const DAY_MS = 86_400_000

/**
 * Converts a wall-clock time in `zone` to epoch milliseconds. Luxon does the zone
 * arithmetic; its result is cached per zone and local day as a UTC offset, valid whenever
 * the offset is the same at both ends of that day (every day but the two DST switches),
 * so a million rows cost a few hundred zone conversions, not a million.
 */
export function zonedTimeToEpoch(zone: string, time: LocalTime): number {
  const wall = Date.UTC(
    time.year,
    time.month - 1,
    time.day,
    time.hour,
    time.minute,
    time.second,
    time.millisecond,
  )
  if (zone === 'UTC') return wall
  const offset = dayOffset(zone, time)
  if (offset !== null) return wall - offset
  return DateTime.fromObject(time, { zone }).toMillis()
}

const dayOffsets = new Map<string, Map<number, number | null>>()

/** The day's UTC offset in ms, or null when the offset changes during that local day. */
function dayOffset(zone: string, time: LocalTime): number | null {
  let days = dayOffsets.get(zone)
  if (!days) {
    days = new Map()
    dayOffsets.set(zone, days)
  }
  const midnight = Date.UTC(time.year, time.month - 1, time.day)
  let offset = days.get(midnight)
  if (offset === undefined) {
    offset = offsetOfDay(zone, midnight)
    days.set(midnight, offset)
  }
  return offset
}

function offsetOfDay(zone: string, midnightWall: number): number | null {
  const start = DateTime.fromMillis(midnightWall, { zone: 'UTC' }).setZone(zone, {
    keepLocalTime: true,
  })
  const end = DateTime.fromMillis(midnightWall + DAY_MS - 1, { zone: 'UTC' }).setZone(zone, {
    keepLocalTime: true,
  })
  return start.offset === end.offset ? start.offset * 60_000 : null
}
