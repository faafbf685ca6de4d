import { FACTS, type CompiledPolicy, type FactValue } from '@dun/engine'
import { Engine } from 'json-rules-engine'
import { describe, expect, it } from 'vitest'
import { compile } from '../src/compile.js'

const DAY = 86_400_000
const NOW = Date.parse('2026-01-20T10:00:00Z')

const POLICY = `policy "run" {
  currencies USD, EUR
  stop when invoice.balance <= 0
  pause when invoice.disputed or customer.promise_to_pay_until > now
  segment big when invoice.amount_due > 5000 USD | 4500 EUR {
    day 1 call "account-manager"
  }
  segment everyone {
    day -3 email "upcoming"
    day 1, 3, 5 retry payment when invoice.last_decline is soft
    day 2 at 09:30 email "update-card" when invoice.last_decline is hard and invoice.overdue >= 2 days
    day 7 sms, email "final-notice" when not (customer.country in ["DE", "AT"])
  }
}
`

function compiled(): CompiledPolicy {
  const result = compile(POLICY)
  if (!result.compiled) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
  return result.compiled
}

/** A flat fact map with every catalogue path, as the engine's fact view provides it. */
function facts(overrides: Record<string, FactValue>): Record<string, FactValue> {
  const base: Record<string, FactValue> = Object.fromEntries(
    [...FACTS.keys()].map((path) => [path, null]),
  )
  return {
    ...base,
    'invoice.amount_due': 10000,
    'invoice.balance': 10000,
    'invoice.currency': 'USD',
    'invoice.disputed': false,
    'invoice.overdue': 5 * DAY,
    'customer.currency': 'USD',
    'customer.country': 'US',
    'dunning.day_from_due': 5,
    'dunning.local_minute': 600,
    'dunning.steps_done': [],
    now: NOW,
    ...overrides,
  }
}

/** Runs the compiled rules on a stock json-rules-engine and returns the fired rule names. */
async function fired(overrides: Record<string, FactValue>): Promise<string[]> {
  const engine = new Engine(compiled().rules as never, { allowUndefinedFacts: true })
  const { events } = await engine.run(facts(overrides))
  return events.map((event) => {
    const params = event.params as { step?: string; reason?: string }
    return params.step ?? `${event.type}: ${params.reason}`
  })
}

describe('compiled rules on a stock json-rules-engine Engine', () => {
  it('fire the due steps of the matching segment, once each', async () => {
    const names = await fired({
      'invoice.last_decline': 'soft',
      'dunning.steps_done': ['everyone/retry:default#1'],
    })
    expect(names.sort()).toEqual(['everyone/retry:default#2', 'everyone/retry:default#3'])
  })

  it('select the segment by the threshold in the invoice currency', async () => {
    expect(await fired({ 'invoice.amount_due': 480000, 'invoice.currency': 'EUR' })).toEqual([
      'big/call:account-manager#1',
    ])
    expect(await fired({ 'invoice.amount_due': 480000, 'invoice.currency': 'USD' })).toEqual([])
  })

  it('honour `at HH:MM` on the step day and guards with durations', async () => {
    const hard = { 'invoice.last_decline': 'hard', 'dunning.day_from_due': 2 }
    expect(
      await fired({ ...hard, 'dunning.local_minute': 569, 'invoice.overdue': 2 * DAY }),
    ).toEqual([])
    expect(
      await fired({ ...hard, 'dunning.local_minute': 570, 'invoice.overdue': 2 * DAY }),
    ).toEqual(['everyone/notify:email:update-card#1'])
    expect(await fired({ ...hard, 'dunning.local_minute': 570, 'invoice.overdue': DAY })).toEqual(
      [],
    )
  })

  it('send a pre-due reminder only before the due day', async () => {
    expect(await fired({ 'dunning.day_from_due': -2 })).toEqual([
      'everyone/notify:email:upcoming#1',
    ])
    expect(await fired({ 'dunning.day_from_due': 0 })).toEqual([])
  })

  it('fire stop and pause rules, comparing with the `now` fact', async () => {
    expect(await fired({ 'invoice.balance': 0, 'dunning.day_from_due': 0 })).toEqual([
      'stop: invoice.balance <= 0',
    ])
    const promised = await fired({
      'customer.promise_to_pay_until': NOW + DAY,
      'dunning.day_from_due': 0,
    })
    expect(promised).toEqual(['pause: invoice.disputed or customer.promise_to_pay_until > now'])
    expect(
      await fired({ 'customer.promise_to_pay_until': NOW - DAY, 'dunning.day_from_due': 0 }),
    ).toEqual([])
  })

  it('evaluate list conditions', async () => {
    const week = { 'dunning.day_from_due': 7, 'dunning.steps_done': [] }
    expect(await fired({ ...week, 'customer.country': 'FR' })).toEqual([
      'everyone/notify:email+sms:final-notice#1',
    ])
    expect(await fired({ ...week, 'customer.country': 'DE' })).toEqual([])
  })
})
