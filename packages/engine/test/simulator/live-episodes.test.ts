import { describe, expect, it } from 'vitest'
import type { Condition } from '../../src/compiled.js'
import type { EventRecord, InvoiceRecord } from '../../src/dataset/records.js'
import { engineReplayer, liveReplayer } from '../../src/simulator/engine-replayer.js'
import { LIVE_BATCH } from '../../src/simulator/episode-replays.js'
import type { ReplayedEpisode } from '../../src/simulator/replay-port.js'
import { simulate } from '../../src/simulator/simulate.js'
import { buildPolicy, type PolicySpec } from '../fixtures/build-policy.js'
import { DAY, invoice, source } from './fixtures.js'

const soft: Condition = { fact: 'invoice.last_decline', operator: 'equal', value: 'soft' }

// Retries wait for a soft decline, however late it comes; messages are capped per customer.
const SPEC: PolicySpec = {
  name: 'chains',
  quietHours: { start: 21 * 60, end: 8 * 60 },
  caps: [{ scope: 'messages', max: 2, windowDays: 7 }],
  stops: [{ fact: 'invoice.balance', operator: 'lessThanInclusive', value: 0 }],
  segments: [
    {
      name: 'everyone',
      steps: [
        { day: 0, action: { type: 'notify', channels: ['email'], template: 'due' } },
        { day: 1, guard: [soft], action: { type: 'retry_payment', methods: 'default' } },
        { day: 3, action: { type: 'notify', channels: ['email', 'sms'], template: 'late' } },
        { day: 10, action: { type: 'notify', channels: ['letter'], template: 'final' } },
      ],
    },
  ],
}
const compiled = buildPolicy(SPEC)
// a guard that comes true with time alone, long after the step's day: only a moment of
// another invoice of the customer finds it true
const LATE_GUARD = buildPolicy({
  ...SPEC,
  segments: [
    {
      name: 'everyone',
      steps: [
        { day: 0, action: { type: 'notify', channels: ['email'], template: 'due' } },
        {
          day: 1,
          guard: [{ fact: 'dunning.day_from_due', operator: 'greaterThanInclusive', value: 75 }],
          action: { type: 'notify', channels: ['letter'], template: 'late' },
        },
      ],
    },
  ],
})

/** A customer billed monthly who never pays: one episode for the whole history. */
function neverPaying(customerId: string, months: number): InvoiceRecord[] {
  return Array.from({ length: months }, (_, month) =>
    invoice(`${customerId}-${String(month).padStart(3, '0')}`, customerId, month * 30),
  )
}

const failed = (record: InvoiceRecord, day: number): EventRecord => ({
  type: 'payment_failed',
  invoice_id: record.invoice.id,
  at: record.invoice.due_at + day * DAY,
  decline_code: 'insufficient_funds',
  decline_class: 'soft',
})

/** Reports and the sorted timeline, live or whole; `reported` counts invoices reported before the input ended. */
async function run(
  records: readonly InvoiceRecord[],
  events: readonly EventRecord[],
  live: boolean,
  policy = compiled,
) {
  let reported = 0
  let reportedBeforeEnd = -1
  let restarts = 0
  const entries: string[] = []
  const input = source(records, {
    invoices: async function* () {
      for (const record of records) yield [record]
      reportedBeforeEnd = reported
    },
    eventsFor: (id) => events.filter((event) => event.invoice_id === id),
  })
  const reports = await simulate(
    input,
    [
      {
        compiled: policy,
        replay: engineReplayer(policy),
        ...(live ? { live: liveReplayer(policy) } : {}),
      },
    ],
    {
      hooks: {
        onEpisode: (_, episode, replayed: ReplayedEpisode) => {
          reported += episode.invoices.length
          for (const entry of [...replayed.executed, ...replayed.deferrals, ...replayed.skips])
            entries.push(JSON.stringify(entry))
        },
        // what was reported before a restart is void
        onRestart: () => {
          restarts += 1
          entries.length = 0
        },
      },
    },
  )
  return { report: reports[0]!, timeline: entries.sort(), reportedBeforeEnd, restarts }
}

describe('a long episode replayed live', () => {
  it('reports settled invoices on the way, so a customer who never pays is not held whole', async () => {
    const records = neverPaying('c', 120)
    const whole = await run(records, [], false)
    const live = await run(records, [], true)
    expect(live.report).toEqual(whole.report)
    expect(live.timeline).toEqual(whole.timeline)
    expect(whole.reportedBeforeEnd).toBe(0)
    // ten years of invoices; at the end only the last few months are still held
    expect(live.reportedBeforeEnd).toBeGreaterThan(120 - 3 * LIVE_BATCH)
  })

  it('keeps an invoice until its last event: a soft decline months late still brings its retry', async () => {
    const records = neverPaying('c', 24)
    const late = failed(records[2]!, 400)
    const whole = await run(records, [late], false)
    const live = await run(records, [late], true)
    expect(whole.timeline.filter((e) => e.includes('retry_payment'))).toHaveLength(1)
    expect(live.timeline).toEqual(whole.timeline)
    expect(live.report).toEqual(whole.report)
  })

  it('keeps an invoice until a guard that comes true with time has held', async () => {
    const records = neverPaying('c', 24)
    const whole = await run(records, [], false, LATE_GUARD)
    const live = await run(records, [], true, LATE_GUARD)
    expect(whole.timeline.filter((e) => e.includes('letter')).length).toBeGreaterThan(20)
    expect(live.timeline).toEqual(whole.timeline)
    expect(live.report).toEqual(whole.report)
  })

  it('wakes when a promise to pay ends as a whole replay would, with settled cases set aside', async () => {
    // found by a fuzz run: a settled case matched a segment, so a whole replay wakes it when
    // the promise ends, and that moment is when the last invoice's email goes out
    const policy = buildPolicy({
      name: 'late-only',
      stops: [{ fact: 'invoice.balance', operator: 'lessThanInclusive', value: 0 }],
      segments: [
        {
          name: 'late',
          when: [{ fact: 'dunning.day_from_due', operator: 'greaterThanInclusive', value: 20 }],
          steps: [{ day: 0, action: { type: 'notify', channels: ['email'], template: 'late' } }],
        },
      ],
    })
    const issued = (n: number, day: number, dueDays: number) =>
      invoice(`i${String(n).padStart(2, '0')}`, 'c', day, { dueDays })
    const records = [
      issued(0, 0, 0),
      ...[1, 2, 3, 4, 5, 6].map((day) => issued(day, day, 90)),
      issued(7, 21, 90),
      issued(8, 35, 90),
      issued(9, 36, 0),
      ...[61, 62, 63, 64, 65, 66].map((day, i) => issued(10 + i, day, 90)),
    ]
    const at = (day: number) => records[0]!.invoice.issued_at + day * DAY
    const events: EventRecord[] = [
      { ...failed(records[1]!, 0), at: at(25) },
      { type: 'promise_to_pay', invoice_id: 'i08', at: at(36), until: at(60) },
    ]
    const whole = await run(records, events, false, policy)
    const live = await run(records, events, true, policy)
    expect(whole.timeline.some((e) => e.includes('"i09"'))).toBe(true)
    expect(live.timeline).toEqual(whole.timeline)
  })

  it('starts again replaying whole episodes when an event predates moments already replayed', async () => {
    const records = neverPaying('c', 3 * LIVE_BATCH)
    // an invoice of the third batch has a failure dated before the second batch was issued
    const late = records[2 * LIVE_BATCH + 1]!
    const early = { ...failed(late, 0), at: records[1]!.invoice.issued_at }
    const whole = await run(records, [early], false)
    const live = await run(records, [early], true)
    expect(live.restarts).toBe(1)
    expect(live.report).toEqual(whole.report)
    expect(live.timeline).toEqual(whole.timeline)
  })

  it('replays many customers, paying and not, exactly as whole episodes', async () => {
    const records = ['a', 'b', 'c', 'd']
      .flatMap((id, i) =>
        neverPaying(id, 30).map((record, month) =>
          // b pays every other month late, d pays on time: their episodes break up
          (i === 1 && month % 2 === 0) || i === 3
            ? { ...record, paidAt: record.invoice.due_at + (i === 1 ? 45 : 0) * DAY }
            : record,
        ),
      )
      .sort((x, y) => x.invoice.issued_at - y.invoice.issued_at)
    const events = records.filter((_, i) => i % 5 === 0).map((record, i) => failed(record, i % 40))
    const whole = await run(records, events, false)
    const live = await run(records, events, true)
    expect(live.report).toEqual(whole.report)
    expect(live.timeline).toEqual(whole.timeline)
    expect(whole.report.actions.total).toBeGreaterThan(200)
  })
})
