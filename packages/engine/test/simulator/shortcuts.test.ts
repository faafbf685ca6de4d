import { describe, expect, it } from 'vitest'
import type { Condition } from '../../src/compiled.js'
import type { EventRecord, InvoiceRecord } from '../../src/dataset/records.js'
import { engineReplayer } from '../../src/simulator/engine-replayer.js'
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
  it('change no figure: paid within hours of the first step, in five zones, with failures', async () => {
    const { records, events } = generated(600)
    const run = async (spec: PolicySpec) => {
      const compiled = buildPolicy(spec)
      const eventsFor = (id: string) => events.get(id) ?? []
      const [report] = await simulate(source(records, { eventsFor }), [
        { compiled, replay: engineReplayer(compiled) },
      ])
      return report!
    }
    const shortcut = await run(SPEC)
    const everything = await run(replayingEverything(SPEC))
    expect(shortcut.actions.total).toBeGreaterThan(100)
    expect(shortcut.deferrals.total).toBeGreaterThan(10)
    expect(shortcut.invoices.simulated - shortcut.invoices.actedOn).toBeGreaterThan(100)
    expect(JSON.stringify(shortcut)).toBe(JSON.stringify(everything))
  })
})

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
