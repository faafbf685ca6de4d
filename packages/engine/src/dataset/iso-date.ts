import { zonedTimeToEpoch } from './zoned-time.js'

/**
 * ISO 8601 dates and times read by character codes, not a regex: our own files hold a
 * million distinct timestamps, and this is the hottest cell parser. Accepts `YYYY-MM-DD`,
 * then optionally `THH:mm`, `:ss`, `.fff…` and `Z` / `±HH:MM` / `±HHMM` (a space may
 * replace the T). Without an offset the time is read in `zone`. NaN when not a valid date.
 */
export function parseIsoDate(text: string, zone: string): number {
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  if (Number.isNaN(year) || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return NaN
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN
  if (text.length === 10) return zonedTimeToEpoch(zone, at(year, month, day, 0, 0, 0, 0))
  const separator = text.charCodeAt(10)
  if (separator !== T && separator !== SPACE) return NaN
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  if (text.charCodeAt(13) !== COLON || hour > 23 || minute > 59) return NaN
  let cursor = 16
  let second = 0
  let millisecond = 0
  if (text.charCodeAt(cursor) === COLON) {
    second = digits(text, 17, 2)
    if (second > 59) return NaN
    cursor = 19
    if (text.charCodeAt(cursor) === DOT) {
      const end = fractionEnd(text, cursor + 1)
      if (end === cursor + 1) return NaN
      millisecond = Number(text.slice(cursor + 1, Math.min(end, cursor + 4)).padEnd(3, '0'))
      cursor = end
    }
  }
  if (cursor === text.length) {
    return zonedTimeToEpoch(zone, at(year, month, day, hour, minute, second, millisecond))
  }
  // With an offset no zone is involved: skip the LocalTime object on the hottest path.
  const offset = offsetMinutes(text, cursor)
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
  return Number.isNaN(offset) ? NaN : wall - offset * 60_000
}

const DASH = 45
const COLON = 58
const DOT = 46
const SPACE = 32
const T = 84
const Z = 90
const PLUS = 43
const ZERO = 48

function at(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
) {
  return { year, month, day, hour, minute, second, millisecond }
}

/** The number written by `count` digits at `start`, or NaN (which fails every range check). */
function digits(text: string, start: number, count: number): number {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - ZERO
    if (!(digit >= 0 && digit <= 9)) return NaN
    value = value * 10 + digit
  }
  return value
}

function fractionEnd(text: string, start: number): number {
  let end = start
  while (end < text.length && text.charCodeAt(end) >= ZERO && text.charCodeAt(end) <= ZERO + 9)
    end++
  return end
}

/** `Z`, `±HH:MM` or `±HHMM` ending the text, in minutes east of UTC; NaN otherwise. */
function offsetMinutes(text: string, start: number): number {
  const sign = text.charCodeAt(start)
  if (sign === Z) return start + 1 === text.length ? 0 : NaN
  if (sign !== PLUS && sign !== DASH) return NaN
  const colon = text.charCodeAt(start + 3) === COLON ? 1 : 0
  if (text.length !== start + 5 + colon) return NaN
  const minutes = digits(text, start + 1, 2) * 60 + digits(text, start + 3 + colon, 2)
  return sign === DASH ? -minutes : minutes
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}
