import type { Expectation } from '../ast.js'
import { dayStart, type TestCalendar } from './default-facts.js'

const MS_PER_HOUR = 3_600_000

/** The stretch of time an `at … expect` line looks at: [start, end). */
export interface TimeWindow {
  readonly start: number
  readonly end: number
  /** As written: `day 3`, `day 3 at 10:00`, `hour 4`. */
  readonly label: string
}

/**
 * `at day N` is the customer's whole local day N after the due date; `at day N at HH:MM`
 * the hour from HH:MM that day; `at hour N` the hour from N hours after the due time.
 */
export function expectationWindow(expectation: Expectation, calendar: TestCalendar): TimeWindow {
  const { offset } = expectation
  if (expectation.unit === 'hour') {
    const start = calendar.dueAt + offset * MS_PER_HOUR
    return { start, end: start + MS_PER_HOUR, label: `hour ${offset}` }
  }
  if (expectation.at) {
    const start = dayStart(calendar, offset, expectation.at.hours * 60 + expectation.at.minutes)
    return { start, end: start + MS_PER_HOUR, label: `day ${offset} at ${expectation.at.text}` }
  }
  return {
    start: dayStart(calendar, offset),
    end: dayStart(calendar, offset + 1),
    label: `day ${offset}`,
  }
}
