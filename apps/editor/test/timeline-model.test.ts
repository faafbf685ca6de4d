import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cardIcon, cardTitle } from '../lib/timeline/card-look.js'
import { dayRows, offsetOnDay } from '../lib/timeline/day-axis.js'
import { drawTimeline, type TimelineModel } from '../lib/timeline/timeline-model.js'

const saasCards = readFileSync(new URL('../../../examples/saas-cards.dun', import.meta.url), 'utf8')

function model(text: string): TimelineModel {
  const drawing = drawTimeline(text)
  if (drawing.kind !== 'drawn') throw new Error('the text has syntax errors')
  return drawing.model
}

describe('drawTimeline', () => {
  it('draws limits and pauses as badges and one lane per segment', () => {
    const { limits, segments } = model(saasCards)
    expect(limits).toEqual([
      { kind: 'quiet', text: 'quiet hours 21:00 to 08:00' },
      { kind: 'cap', text: 'at most 3 messages per 7 days' },
      { kind: 'cap', text: 'at most 1 sms per 7 days' },
      { kind: 'cap', text: 'at most 4 retries per 30 days' },
      { kind: 'stop', text: 'stop when invoice.balance <= 0' },
      { kind: 'pause', text: 'pause when invoice.disputed' },
    ])
    expect(segments.map((s) => [s.name, s.predicate])).toEqual([
      ['annual', 'customer.plan == "annual" or customer.arr >= 1200 USD | 1100 EUR'],
      ['everyone', null],
    ])
  })

  it('draws one card per offset, named by its step id, with guard and template', () => {
    const everyone = model(saasCards).segments[1]
    const retries = everyone?.cards.filter((c) => c.action.kind === 'retry' && c.siblings.length)
    expect(retries?.map((c) => [c.id, c.day, c.siblings])).toEqual([
      ['everyone/retry:default#1', 1, [1, 3, 5]],
      ['everyone/retry:default#2', 3, [1, 3, 5]],
      ['everyone/retry:default#3', 5, [1, 3, 5]],
    ])
    const first = everyone?.cards[0]
    expect(first).toMatchObject({
      id: 'everyone/notify:email:update-card#1',
      day: 0,
      guard: 'invoice.last_decline is hard',
      action: { kind: 'notify', channels: ['email'], template: 'update-card' },
    })
    expect(everyone?.cards.find((c) => c.label !== null)?.id).toBe('everyone/final-notice')
  })

  it('keeps hour steps on the day holding their hour, and moves them keeping the hour', () => {
    const text = saasCards.replace('day 10 suspend subscription', 'hour 30 suspend subscription')
    const card = model(text).segments[1]?.cards.find((c) => c.unit === 'hour')
    expect(card?.day).toBe(1)
    expect(card && offsetOnDay(card, 4)).toBe(102)
  })

  it('reports a text with syntax errors instead of drawing a partial picture', () => {
    expect(drawTimeline(saasCards.replace('day 6 sms', 'day sms'))).toEqual({
      kind: 'broken',
      errors: 1,
    })
  })
})

describe('dayRows', () => {
  it('has a row for every day from the earliest step to three days past the last', () => {
    const annual = model(saasCards).segments[0]
    if (!annual) throw new Error('saas-cards has an annual segment')
    const rows = dayRows(annual)
    expect(rows[0]?.day).toBe(0)
    expect(rows.at(-1)?.day).toBe(33)
    expect(rows.find((r) => r.day === 7)?.cards.map((c) => cardTitle(c.action))).toEqual([
      'sms, email "final-notice"',
    ])
    expect(rows.find((r) => r.day === 8)?.cards).toEqual([])
  })
})

describe('cardIcon', () => {
  it('shows the first channel of a message, else the action', () => {
    const base = { channels: [], template: null, text: '' }
    expect(cardIcon({ ...base, kind: 'notify', channels: ['sms', 'email'] }).name).toBe('SMS')
    expect(cardIcon({ ...base, kind: 'retry' }).name).toBe('payment retry')
  })
})
