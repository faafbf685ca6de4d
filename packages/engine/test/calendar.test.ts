import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { zoneCalendar } from '../src/calendar.js'

const MS_PER_DAY = 86_400_000
const epochDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY)

/** What luxon says a wall-clock minute on a local date is (a time in a DST gap moves forward). */
function luxonInstant(zone: string, day: number, minute: number): number {
  const date = new Date(day * MS_PER_DAY)
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minute / 60),
      minute: minute % 60,
    },
    { zone },
  ).toMillis()
}

describe('zoneCalendar', () => {
  // Spring forward, fall back, a 30-minute shift, and an ordinary day.
  const days: [string, string][] = [
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/Berlin', '2026-03-29'],
    ['Europe/Berlin', '2026-10-25'],
    ['Australia/Lord_Howe', '2026-04-05'],
    ['Asia/Tokyo', '2026-03-08'],
  ]

  it.each(days)(
    '%s on %s: every wall-clock minute is the instant luxon gives, asked twice',
    (zone, iso) => {
      const calendar = zoneCalendar(zone)
      const day = epochDay(iso)
      for (let minute = 0; minute < 1440; minute += 7) {
        const want = luxonInstant(zone, day, minute)
        expect(calendar.instantAt(day, minute)).toBe(want)
        expect(calendar.instantAt(day, minute)).toBe(want)
      }
    },
  )

  it.each(days)('%s on %s: day and wall minute of instants agree with luxon', (zone, iso) => {
    const calendar = zoneCalendar(zone)
    const start = Date.parse(`${iso}T00:00:00Z`) - MS_PER_DAY
    for (let at = start; at < start + 3 * MS_PER_DAY; at += 11 * 60_000) {
      const local = DateTime.fromMillis(at, { zone })
      expect(calendar.minuteOf(at)).toBe(local.hour * 60 + local.minute)
      expect(calendar.dayOf(at)).toBe(epochDay(local.toISODate()!))
    }
  })

  // Zones whose offset changes at or around midnight (Havana, Santiago, Beirut, Tehran, São
  // Paulo in 2011–2012), half-hour offsets and changes, and two plain ones.
  const zones = [
    'America/Havana',
    'America/Santiago',
    'Asia/Beirut',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Asia/Tehran',
    'America/Sao_Paulo',
    'Europe/London',
    'America/Los_Angeles',
  ]

  it.each(zones)('%s: two years of days start, open and end where luxon says', (zone) => {
    const calendar = zoneCalendar(zone)
    const first = epochDay('2011-01-01')
    for (let day = first; day < first + 730; day++) {
      for (const minute of [0, 480, 1439]) {
        expect(calendar.instantAt(day, minute)).toBe(luxonInstant(zone, day, minute))
      }
      const noon = luxonInstant(zone, day, 720)
      expect(calendar.dayOf(noon)).toBe(day)
    }
  })
})
