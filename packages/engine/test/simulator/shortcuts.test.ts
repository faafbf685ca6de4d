import { describe, expect, it } from 'vitest'
import type { Condition } from '../../src/compiled.js'
import type { CustomerRecord, EventRecord, InvoiceRecord } from '../../src/dataset/records.js'
import { engineReplayer } from '../../src/simulator/engine-replayer.js'
import { asIssued } from '../../src/simulator/as-issued.js'
import { episodeAlone } from '../../src/simulator/episode-grouper.js'
import { FirstSteps } from '../../src/simulator/first-steps.js'
import { paidBeforeAnyStep, quietAlone } from '../../src/simulator/inert.js'
import { policySpan } from '../../src/simulator/policy-span.js'
import type { ReplayedEpisode } from '../../src/simulator/replay-port.js'
import { simulate } from '../../src/simulator/simulate.js'
import { buildPolicy, type PolicySpec } from '../fixtures/build-policy.js'
import { customer, invoice, source } from './fixtures.js'

const HOUR = 3_600_000
const ZONES = ['UTC', 'America/Los_Angeles', 'Australia/Sydney', 'Europe/Berlin', 'Asia/Tokyo']
const soft: Condition = { fact: 'invoice.last_decline_class', operator: 'equal', value: 'soft' }

// Steps timed every way a first step can be: a local day at the send window's opening, a
// local day at a set minute (in quiet hours, so deferred), hours after a failure, a guard.
const SPEC: PolicySpec = {
  name: 'shortcuts',
  quietHours: { start: 21 * 60, end: 8 * 60 },
  caps: [{ scope: 'messages', max: 2, windowDays: 7 }],
  stops: [{ fact: 'invoice.balance', operator: 'lessThanInclusive', value: 0 }],
  segments: [
    {
      name: 'everyone',
      steps: [
        { day: 0, at: 6 * 60, action: { type: 'notify', channels: ['email'], template: 'due' } },
        { hour: 3, from: 'failure', action: { type: 'retry_payment', methods: 'default' } },
        {
          day: 1,
          guard: [soft],
          action: { type: 'notify', channels: ['email'], template: 'failed' },
        },
        { day: 2, action: { type: 'notify', channels: ['sms'], template: 'late' } },
      ],
    },
  ],
}

const declined = (kind: string): Condition => ({
  fact: 'invoice.last_decline',
  operator: 'equal',
  value: kind,
})

// Like examples/saas-cards.dun: a segment chosen by plan, first steps guarded on a decline
// the invoice may never have, a guard that moves with the clock, an unguarded later step.
const GUARDED: PolicySpec = {
  name: 'guarded',
  quietHours: { start: 21 * 60, end: 8 * 60 },
  caps: [{ scope: 'messages', max: 2, windowDays: 7 }],
  stops: [{ fact: 'invoice.balance', operator: 'lessThanInclusive', value: 0 }],
  segments: [
    {
      name: 'annual',
      when: [{ fact: 'customer.plan', operator: 'equal', value: 'annual' }],
      steps: [{ day: 0, action: { type: 'notify', channels: ['email'], template: 'annual' } }],
    },
    {
      name: 'everyone',
      steps: [
        {
          day: 0,
          guard: [declined('hard')],
          action: { type: 'notify', channels: ['email'], template: 'new-card' },
        },
        {
          day: 0,
          guard: [
            {
              any: [
                declined('soft'),
                { not: { fact: 'customer.tags', operator: 'doesNotContain', value: 'vip' } },
              ],
            },
          ],
          action: { type: 'notify', channels: ['email'], template: 'failed' },
        },
        {
          day: 1,
          guard: [{ fact: 'invoice.overdue', operator: 'greaterThan', value: 30 * HOUR }],
          action: { type: 'notify', channels: ['sms'], template: 'overdue' },
        },
        { day: 2, action: { type: 'notify', channels: ['email'], template: 'late' } },
      ],
    },
  ],
}

/** The same policy with an always-true guard on account.*: the simulator replays every invoice. */
function replayingEverything(spec: PolicySpec): PolicySpec {
  const always: Condition = {
    fact: 'account.unpaid_invoices',
    operator: 'greaterThanInclusive',
    value: 0,
  }
  return {
    ...spec,
    segments: spec.segments.map((segment) => ({
      ...segment,
      steps: segment.steps.map((step) => ({ ...step, guard: [...(step.guard ?? []), always] })),
    })),
  }
}

describe("the simulator's shortcuts for invoices the policy leaves alone", () => {
  const run = async (spec: PolicySpec, { records, events }: ReturnType<typeof generated>) => {
    const compiled = buildPolicy(spec)
    const eventsFor = (id: string) => events.get(id) ?? []
    const [report] = await simulate(source(records, { eventsFor }), [
      { compiled, replay: engineReplayer(compiled) },
    ])
    return report!
  }

  it('change no figure: paid within hours of the first step, in five zones, with failures', async () => {
    const input = generated(600)
    const shortcut = await run(SPEC, input)
    const everything = await run(replayingEverything(SPEC), input)
    expect(shortcut.actions.total).toBeGreaterThan(100)
    expect(shortcut.deferrals.total).toBeGreaterThan(10)
    expect(shortcut.invoices.simulated - shortcut.invoices.actedOn).toBeGreaterThan(100)
    expect(JSON.stringify(shortcut)).toBe(JSON.stringify(everything))
  })
})

describe('paid before any step whose guard can hold', () => {
  it('holds only for invoices a replay of their own leaves alone: declines, plans, tags, zones', () => {
    const { records, events } = generated(1500)
    const compiled = buildPolicy(GUARDED)
    const span = policySpan([compiled])
    const first = new FirstSteps(span)
    const replay = engineReplayer(compiled)
    let shortcut = 0
    let quiet = 0
    records.forEach((record, i) => {
      if (record.paidAt === null) return
      const own = events.get(record.invoice.id) ?? []
      const varied = variedBuyer(record, i)
      const issued = asIssued(varied.record, own)
      const alone = replay(episodeAlone(issued, varied.customer, own, null)) as ReplayedEpisode
      if (quietAlone(alone)) quiet += 1
      if (!paidBeforeAnyStep(issued, own, varied.customer, span, first)) return
      shortcut += 1
      expect({ invoice: issued.invoice.id, alone }).toEqual({
        invoice: issued.invoice.id,
        alone: { executed: [], deferrals: [], skips: [] },
      })
    })
    expect(quiet).toBeGreaterThan(300)
    expect(shortcut).toBeGreaterThan(quiet * 0.8)
  })

  const span = policySpan([buildPolicy(GUARDED)])
  const first = new FirstSteps(span)
  const due = Date.parse('2026-03-02T00:00:00Z')
  const paidOn = (
    hours: number,
    changes: Partial<InvoiceRecord['invoice']> = {},
  ): InvoiceRecord => {
    const base = invoice('I1', 'c1', 0, { dueDays: 0 })
    return {
      ...base,
      paidAt: due + hours * HOUR,
      invoice: { ...base.invoice, due_at: due, ...changes },
    }
  }
  const quiet = (record: InvoiceRecord, events: EventRecord[] = [], plan = '') => {
    const own = customer(record.customerId)
    const buyer = { ...own, customer: { ...own.customer, plan } }
    return paidBeforeAnyStep(asIssued(record, events), events, buyer, span, first)
  }

  it('looks past steps whose guard fails on the facts as issued, up to the first that may hold', () => {
    expect(quiet(paidOn(30))).toBe(true) // the day-1 step depends on the clock: 08:00 on day 1
    expect(quiet(paidOn(33))).toBe(false)
  })

  it('counts a step whose guard holds as issued, or whose segment the customer is in', () => {
    expect(quiet(paidOn(30, { last_decline_class: 'soft' }))).toBe(false)
    expect(quiet(paidOn(30), [], 'annual')).toBe(false)
  })

  it('judges by timing alone when an outside event comes before the payment', () => {
    const failed: EventRecord = {
      type: 'payment_failed',
      invoice_id: 'I1',
      at: due + HOUR,
      decline_code: 'x',
      decline_class: 'soft',
    }
    expect(quiet(paidOn(30), [failed])).toBe(false)
    expect(quiet(paidOn(30), [{ ...failed, at: due + 31 * HOUR }])).toBe(true)
  })
})

/** Row-level declines on some invoices, annual plans and a vip tag on some customers. */
function variedBuyer(
  record: InvoiceRecord,
  i: number,
): { record: InvoiceRecord; customer: CustomerRecord } {
  const decline = [null, null, null, 'soft', 'hard'][i % 5] as 'soft' | 'hard' | null
  const own = record.customer!
  const plan = i % 7 === 0 ? 'annual' : 'monthly'
  const tags = i % 3 === 0 ? ['vip'] : []
  return {
    record: { ...record, invoice: { ...record.invoice, last_decline_class: decline } },
    customer: { ...own, customer: { ...own.customer, plan, tags } },
  }
}

/** Invoices due at any minute, most paid within a day either side of it; a third fail first. */
function generated(count: number): {
  records: InvoiceRecord[]
  events: Map<string, EventRecord[]>
} {
  let seed = 7
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return Math.floor((seed / 2_147_483_648) * n)
  }
  const events = new Map<string, EventRecord[]>()
  const records = Array.from({ length: count }, (_, i): InvoiceRecord => {
    const base = invoice(`I${i}`, `c${next(40)}`, next(200), { dueDays: 0 })
    const due = base.invoice.due_at + next(24 * 60) * 60_000
    const paidAt = next(8) === 0 ? null : due + (next(48 * 60) - 24 * 60) * 60_000
    if (next(3) === 0) {
      const at = due + next(6) * HOUR
      const decline_class = next(2) === 0 ? 'soft' : 'hard'
      events.set(base.invoice.id, [
        {
          type: 'payment_failed',
          invoice_id: base.invoice.id,
          at,
          decline_code: 'x',
          decline_class,
        },
      ])
    }
    const zone = ZONES[Number(base.customerId.slice(1)) % ZONES.length]!
    const own = customer(base.customerId)
    return {
      ...base,
      paidAt,
      invoice: { ...base.invoice, due_at: due },
      customer: { ...own, customer: { ...own.customer, timezone: zone } },
    }
  })
  return { records, events }
}
