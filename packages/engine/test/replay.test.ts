import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CompiledPolicy } from '../src/compiled.js'
import { prepare } from '../src/evaluate/prepare.js'
import { dunningEvent, type DunningEvent } from '../src/events.js'
import { customerCaseFacts } from '../src/facts/input.js'
import { replay, type ReplayInput } from '../src/replay.js'

const compiled = JSON.parse(
  readFileSync(new URL('./fixtures/saas-default.compiled.json', import.meta.url), 'utf8'),
) as CompiledPolicy

const facts = customerCaseFacts.parse({
  customer: { id: 'c1', currency: 'USD', timezone: 'America/New_York' },
  cases: [
    {
      invoice: {
        id: 'in1',
        amount_due: 5000,
        balance: 5000,
        currency: 'USD',
        issued_at: '2026-02-20T17:00:00Z',
        due_at: '2026-03-02T17:00:00Z',
      },
    },
  ],
})

const events = (...raw: unknown[]): DunningEvent[] => raw.map((e) => dunningEvent.parse(e))

async function bothPaths(input: ReplayInput) {
  const fast = prepare(compiled)
  const reference = prepare(compiled, { path: 'reference' })
  const result = fast.run(replay(fast, input))
  expect(await reference.run(replay(reference, input))).toEqual(result)
  return result
}

const executed = (timeline: Awaited<ReturnType<typeof bothPaths>>['timeline']) =>
  timeline
    .filter((e) => e.kind === 'executed')
    .map((e) => [
      e.stepId,
      new Date(e.scheduledAt).toISOString(),
      new Date(e.executedAt).toISOString(),
    ])

describe('replay', () => {
  it('runs an unpaid invoice through every step at its scheduled time, then completes', async () => {
    const result = await bothPaths({ facts })
    expect(executed(result.timeline)).toEqual([
      [
        'everyone/notify:email+sms:final-notice#1',
        '2026-03-09T12:00:00.000Z',
        '2026-03-09T12:00:00.000Z',
      ],
      [
        'everyone/account:suspend_subscription#1',
        '2026-03-16T12:00:00.000Z',
        '2026-03-16T12:00:00.000Z',
      ],
      [
        'everyone/account:cancel_subscription#1',
        '2026-03-23T12:00:00.000Z',
        '2026-03-23T12:00:00.000Z',
      ],
      ['everyone/account:write_off#1', '2026-03-23T12:00:00.000Z', '2026-03-23T12:00:00.000Z'],
    ])
    expect(result.outcomes.get('in1')).toBe('completed')
    expect(result.facts.contacts.map((c) => c.kind)).toEqual(['sms', 'email'])
    expect(result.facts.cases[0]!.invoice.status).toBe('uncollectible')
  })

  it('stops at a payment and retries only after soft declines', async () => {
    const result = await bothPaths({
      facts,
      events: events(
        {
          type: 'payment_failed',
          invoice_id: 'in1',
          at: '2026-03-02T18:00:00Z',
          decline_code: 'insufficient_funds',
          decline_class: 'soft',
        },
        { type: 'payment_succeeded', invoice_id: 'in1', at: '2026-03-07T12:00:00Z' },
      ),
    })
    expect(executed(result.timeline).map(([step, , at]) => [step, at])).toEqual([
      ['everyone/retry:default#1', '2026-03-03T13:00:00.000Z'],
      ['everyone/retry:default#2', '2026-03-05T13:00:00.000Z'],
    ])
    expect(result.outcomes.get('in1')).toBe('stopped')
  })

  it('records a deferral once, and the step runs when it ends', async () => {
    const result = await bothPaths({
      facts,
      events: events({
        type: 'promise_to_pay',
        invoice_id: 'in1',
        at: '2026-03-09T15:00:00Z',
        until: '2026-03-12T00:00:00Z',
      }),
      until: Date.parse('2026-03-14T00:00:00Z'),
    })
    const steps = result.timeline.map((e) => [e.kind, e.stepId])
    expect(steps).toEqual([['executed', 'everyone/notify:email+sms:final-notice#1']])
    // The promise came after the 08:00 send: nothing left to defer. Move it earlier:
    const early = await bothPaths({
      facts,
      events: events({
        type: 'promise_to_pay',
        invoice_id: 'in1',
        at: '2026-03-08T15:00:00Z',
        until: '2026-03-12T00:00:00Z',
      }),
      until: Date.parse('2026-03-14T00:00:00Z'),
    })
    expect(
      early.timeline.map((e) => [
        e.kind,
        e.stepId,
        e.kind === 'executed' ? new Date(e.executedAt).toISOString() : e.kind,
      ]),
    ).toEqual([
      ['deferred', 'everyone/notify:email+sms:final-notice#1', 'deferred'],
      ['executed', 'everyone/notify:email+sms:final-notice#1', '2026-03-12T00:00:00.000Z'],
    ])
  })

  it('stops at the first evaluation with a timeline entry when only that is asked', async () => {
    const full = await bothPaths({ facts })
    const first = await bothPaths({ facts, untilFirstEntry: true })
    expect(full.timeline.length).toBeGreaterThan(2)
    expect(first.timeline).toEqual(full.timeline.slice(0, 1))
    expect(first.evaluations).toBeLessThan(full.evaluations)
    const paid = events({
      type: 'payment_succeeded',
      invoice_id: 'in1',
      at: '2026-03-03T00:00:00Z',
    })
    const quiet = await bothPaths({ facts, events: paid, untilFirstEntry: true })
    expect(quiet.timeline).toEqual([])
    expect(quiet.outcomes.get('in1')).toBe('stopped')
  })
})
