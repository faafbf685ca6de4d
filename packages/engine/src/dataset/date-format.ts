import { CellProblem, type CellParser } from './cell-problem.js'
import { daysInMonth, parseIsoDate } from './iso-date.js'
import { zonedTimeToEpoch, type LocalTime } from './zoned-time.js'

/**
 * Date formats a mapping may name: `ISO` (ISO 8601, with or without time and offset), or a
 * pattern of the tokens below joined by literal separators, e.g. `M/D/YYYY`, `D.M.YYYY`,
 * `YYYY-MM-DD HH:mm`. Single-letter tokens accept one or two digits.
 */
const TOKENS: Readonly<Record<string, { digits: string; part: keyof LocalTime }>> = {
  YYYY: { digits: '(\\d{4})', part: 'year' },
  MM: { digits: '(\\d{2})', part: 'month' },
  M: { digits: '(\\d{1,2})', part: 'month' },
  DD: { digits: '(\\d{2})', part: 'day' },
  D: { digits: '(\\d{1,2})', part: 'day' },
  HH: { digits: '(\\d{2})', part: 'hour' },
  H: { digits: '(\\d{1,2})', part: 'hour' },
  mm: { digits: '(\\d{2})', part: 'minute' },
  ss: { digits: '(\\d{2})', part: 'second' },
}

export const ISO_DATE_FORMAT = 'ISO'
const TOKEN_SPLIT = /(YYYY|MM|M|DD|D|HH|H|mm|ss)/

/** Most exports hold a few hundred distinct dates: parse each once. */
const CACHE_LIMIT = 50_000

/** Describes why a date format cannot be used, or null when it is valid. */
export function dateFormatProblem(format: string): string | null {
  if (format === ISO_DATE_FORMAT) return null
  const pieces = format.split(TOKEN_SPLIT)
  const parts = pieces.filter((_, i) => i % 2 === 1).map((token) => TOKENS[token]?.part)
  const literals = pieces.filter((_, i) => i % 2 === 0).join('')
  if (/[A-Za-z]/.test(literals)) {
    return `date format "${format}" has unknown letters "${literals.replace(/[^A-Za-z]/g, '')}": use YYYY, MM, M, DD, D, HH, H, mm, ss or ISO`
  }
  for (const needed of ['year', 'month', 'day'] as const) {
    if (!parts.includes(needed)) return `date format "${format}" has no ${needed}`
  }
  if (new Set(parts).size !== parts.length) return `date format "${format}" repeats a field`
  return null
}

/**
 * A parser for one date column: text → epoch ms. Times without an offset are read in
 * `zone` (IANA). Pattern formats are cached per text (exports repeat a few hundred dates);
 * ISO text is read by character codes, cheaper than any cache.
 */
export function dateParser(format: string, zone: string): CellParser<number> {
  if (format === ISO_DATE_FORMAT) {
    // A file sorted by issue date repeats its issue and due dates row after row.
    let lastText = ''
    let lastEpoch = NaN
    return (text) => {
      if (text === lastText) return lastEpoch
      const epoch = parseIsoDate(text, zone)
      if (Number.isNaN(epoch)) throw notADate(format)
      lastText = text
      lastEpoch = epoch
      return epoch
    }
  }
  const read = patternReader(format, zone)
  const cache = new Map<string, number>()
  return (text) => {
    let epoch = cache.get(text)
    if (epoch === undefined) {
      epoch = read(text)
      if (cache.size >= CACHE_LIMIT) cache.clear()
      cache.set(text, epoch)
    }
    return epoch
  }
}

function patternReader(format: string, zone: string): CellParser<number> {
  const pieces = format.split(TOKEN_SPLIT)
  const parts: (keyof LocalTime)[] = []
  const source = pieces
    .map((piece, i) => {
      if (i % 2 === 0) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const token = TOKENS[piece]
      if (!token) throw new Error(`date format token ${piece} is not in the token table`)
      parts.push(token.part)
      return token.digits
    })
    .join('')
  const pattern = new RegExp(`^${source}$`)
  return (text) => {
    const match = pattern.exec(text)
    if (!match) throw notADate(format)
    const fields: Record<keyof LocalTime, number> = {
      year: 0,
      month: 0,
      day: 0,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    }
    parts.forEach((part, i) => (fields[part] = Number(match[i + 1])))
    return zonedTimeToEpoch(zone, checked(fields, format))
  }
}

/** Rejects what the pattern lets through but no calendar has: 31/02, 25:00, month 13. */
function checked(time: LocalTime, format: string): LocalTime {
  const valid =
    time.month >= 1 &&
    time.month <= 12 &&
    time.day >= 1 &&
    time.day <= daysInMonth(time.year, time.month) &&
    time.hour <= 23 &&
    time.minute <= 59 &&
    time.second <= 59
  if (!valid) throw notADate(format)
  return time
}

function notADate(format: string): CellProblem {
  return new CellProblem(
    `is not a date in format ${format}`,
    format === ISO_DATE_FORMAT
      ? 'write 2024-03-31 or 2024-03-31T09:00:00Z, or set the column format in the mapping'
      : 'check the day and month, or set the column format in the mapping',
  )
}
