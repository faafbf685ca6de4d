import { DateTime, IANAZone } from 'luxon'
import { MS_PER_DAY, MS_PER_MINUTE } from './statutory.js'

/**
 * Calendar arithmetic in one IANA zone, on epoch milliseconds. A luxon conversion costs
 * ~6 µs (NOTES.md), so each local day is converted once and kept: later questions about
 * that day ("which day is this instant?", "what is 08:00 on day D?") compare numbers.
 *
 * Days are numbered like epoch days: the local date 1970-01-02 is day 1 in every zone.
 */
export interface ZoneCalendar {
  readonly zone: string
  /** The local calendar day of an instant. */
  dayOf(at: number): number
  /** Minutes since local midnight on the wall clock. */
  minuteOf(at: number): number
  /** The instant of a wall-clock minute on a local day (a time in a DST gap moves forward). */
  instantAt(day: number, minute: number): number
}

interface LocalDay {
  readonly day: number
  readonly start: number
  readonly end: number
  /** The day starts at 00:00 and keeps one UTC offset: wall minutes are elapsed minutes. */
  readonly uniform: boolean
}

const MINUTES_PER_DAY = 1440

const calendars = new Map<string, ZoneCalendar>()
// A replay asks for one customer's zone over and over: the last answer is checked first.
let lastCalendar: ZoneCalendar | null = null

export function zoneCalendar(zone: string): ZoneCalendar {
  if (lastCalendar?.zone === zone) return lastCalendar
  let calendar = calendars.get(zone)
  if (!calendar) {
    calendar = createZoneCalendar(zone)
    calendars.set(zone, calendar)
  }
  lastCalendar = calendar
  return calendar
}

function createZoneCalendar(zone: string): ZoneCalendar {
  const days = new DayTable(zone)
  // Wall-clock instants on days with a UTC-offset change, keyed `day * 1440 + minute`: luxon
  // resolves them (DST gaps and overlaps), once each. A plan asks for few minutes, so it stays small.
  const shifted = new Map<number, number>()
  // Wall minutes of instants on those days: a simulation wakes many customers of one zone at
  // the same instants (send-window openings), so luxon is asked once per instant.
  const shiftedMinutes = new Map<number, number>()
  // The last offset seen guesses an instant's day right almost every time.
  let offsetGuess = 0

  const locate = (at: number): LocalDay => {
    let record = days.get(Math.floor((at + offsetGuess) / MS_PER_DAY))
    while (at < record.start) record = days.get(record.day - 1)
    while (at >= record.end) record = days.get(record.day + 1)
    offsetGuess = record.day * MS_PER_DAY - record.start
    return record
  }

  return {
    zone,
    dayOf: (at) => locate(at).day,
    minuteOf(at) {
      const record = locate(at)
      if (record.uniform) return Math.floor((at - record.start) / MS_PER_MINUTE)
      let minute = shiftedMinutes.get(at)
      if (minute === undefined) {
        const local = DateTime.fromMillis(at, { zone })
        minute = local.hour * 60 + local.minute
        shiftedMinutes.set(at, minute)
      }
      return minute
    },
    instantAt(day, minute) {
      const record = days.get(day)
      if (record.uniform) return record.start + minute * MS_PER_MINUTE
      const key = day * MINUTES_PER_DAY + minute
      let instant = shifted.get(key)
      if (instant === undefined) {
        instant = wallClockInstant(zone, day, minute)
        shifted.set(key, instant)
      }
      return instant
    },
  }
}

/** Wider than any DST overlap, so a midnight near an offset change is never taken as plain. */
const OFFSET_CHANGE_MARGIN = 3 * 3_600_000
const CHUNK_BITS = 8
const CHUNK_MASK = (1 << CHUNK_BITS) - 1

/**
 * One zone's local days, converted on first use, in chunks of 256 consecutive days: the
 * days asked about cluster, so a lookup is usually an index into the chunk used last.
 */
class DayTable {
  private readonly chunks = new Map<number, (LocalDay | undefined)[]>()
  private lastIndex = NaN
  private lastChunk: (LocalDay | undefined)[] = []
  private readonly offsets: IANAZone

  constructor(private readonly zone: string) {
    this.offsets = IANAZone.create(zone)
  }

  get(day: number): LocalDay {
    if ((day | 0) !== day) throw new RangeError(`day ${day} is not a day number the engine can use`)
    const index = day >> CHUNK_BITS
    let chunk = this.lastChunk
    if (index !== this.lastIndex) {
      chunk = this.chunks.get(index) ?? this.newChunk(index)
      this.lastIndex = index
      this.lastChunk = chunk
    }
    let record = chunk[day & CHUNK_MASK]
    if (!record) {
      record = this.uniformDay(day) ?? convertDay(this.zone, day)
      chunk[day & CHUNK_MASK] = record
    }
    return record
  }

  /**
   * Most days keep one UTC offset from hours before their midnight to hours after the next:
   * such a day is the 24 hours from local midnight, settled by three offset look-ups where
   * a full luxon conversion costs ~10. Anything else — a change of offset near or inside
   * the day, an unknown zone — is left to luxon.
   */
  private uniformDay(day: number): LocalDay | null {
    const { offsets } = this
    const previous = this.known(day - 1)
    if (previous?.uniform) {
      // The day before was checked up to hours past this midnight: one more look-up will do.
      const offset = ((day - 1) * MS_PER_DAY - previous.start) / MS_PER_MINUTE
      const end = previous.end + MS_PER_DAY
      if (offsets.offset(end + OFFSET_CHANGE_MARGIN) === offset)
        return { day, start: previous.end, end, uniform: true }
      return null
    }
    const offset = offsets.offset(day * MS_PER_DAY)
    const start = day * MS_PER_DAY - offset * MS_PER_MINUTE
    const end = start + MS_PER_DAY
    const steady =
      offsets.offset(start - OFFSET_CHANGE_MARGIN) === offset &&
      offsets.offset(end + OFFSET_CHANGE_MARGIN) === offset
    return steady ? { day, start, end, uniform: true } : null
  }

  private known(day: number): LocalDay | undefined {
    return this.chunks.get(day >> CHUNK_BITS)?.[day & CHUNK_MASK]
  }

  private newChunk(index: number): (LocalDay | undefined)[] {
    const chunk = new Array<LocalDay | undefined>(CHUNK_MASK + 1)
    this.chunks.set(index, chunk)
    return chunk
  }
}

function wallClockInstant(zone: string, day: number, minute: number): number {
  const { year, month, day: date } = civilDate(day)
  return DateTime.fromObject(
    { year, month, day: date, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  ).toMillis()
}

function convertDay(zone: string, day: number): LocalDay {
  const start = DateTime.fromObject(civilDate(day), { zone }).startOf('day')
  if (!start.isValid) throw new Error(`"${zone}" is not a time zone the engine can use`)
  const next = DateTime.fromObject(civilDate(day + 1), { zone }).startOf('day')
  const last = DateTime.fromMillis(next.toMillis() - 1, { zone })
  return {
    day,
    start: start.toMillis(),
    end: next.toMillis(),
    uniform: start.hour === 0 && start.minute === 0 && start.offset === last.offset,
  }
}

function civilDate(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}
