import type { TimelineCard, TimelineSegment } from './timeline-model'

/** One row of a segment's day axis: a day, with the cards that fire on it (maybe none). */
export interface DayRow {
  readonly day: number
  readonly cards: readonly TimelineCard[]
}

/** Days the axis shows past the last step, so a card can be dragged later than all others. */
const TRAILING_DAYS = 3

/**
 * The day axis of a segment: every day from the earliest step (or day 0) to a few days past
 * the last, each with its cards in source order. Every day is a row so a card can be dropped
 * on a day that has no step yet.
 */
export function dayRows(segment: TimelineSegment): DayRow[] {
  const days = segment.cards.map((c) => c.day)
  const first = Math.min(0, ...days)
  const last = Math.max(0, ...days) + TRAILING_DAYS
  const rows: DayRow[] = []
  for (let day = first; day <= last; day++) {
    rows.push({ day, cards: segment.cards.filter((c) => c.day === day) })
  }
  return rows
}

/**
 * The offset a card gets when moved to `day`, in the step's unit: an `hour` step keeps
 * its hour of the day.
 */
export function offsetOnDay(card: TimelineCard, day: number): number {
  if (card.unit === 'day') return day
  const hourOfDay = card.offset - card.day * 24
  return day * 24 + hourOfDay
}
