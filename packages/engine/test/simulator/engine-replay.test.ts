import { describe, expect, it } from 'vitest'
import { simulate } from '../../src/simulator/simulate.js'
import { engineReplayer } from '../../src/simulator/engine-replayer.js'
import { mergeReports } from '../../src/simulator/merge-reports.js'
import { responseModelSchema } from '../../src/simulator/response-model.js'
import type { ExecutedStep } from '../../src/simulator/replay-port.js'
import type { InvoiceRecord } from '../../src/dataset/records.js'
import { buildPolicy } from '../fixtures/build-policy.js'
import { SAAS_DEFAULT } from '../fixtures/policies.js'
import { invoice, source } from './fixtures.js'

const compiled = buildPolicy(SAAS_DEFAULT)

async function run(records: readonly InvoiceRecord[], path: 'fast' | 'reference' = 'fast') {
  const executed: ExecutedStep[] = []
  const [report] = await simulate(
    source(records),
    [{ compiled, replay: engineReplayer(compiled, path) }],
    {
      hooks: { onEpisode: (_i, _e, replayed) => executed.push(...replayed.executed) },
    },
  )
  return { report: report!, executed }
}

describe('the simulator on the engine replay', () => {
  // issued Sat 3 Jan 2026, due Mon 2 Feb; customer in UTC, segment "everyone", no decline:
  // final notice day 7 (9 Feb, 08:00 when quiet hours end), suspend day 14, cancel + write off day 21
  const unpaid = invoice('X1', 'x', 2)
  const paidDay12 = invoice('Y1', 'y', 2, { paidDay: 42 }) // paid 12 Feb 00:00

  it('performs the steps the policy would have, at the times it would have', async () => {
    const { report, executed } = await run([unpaid])
    expect(executed.map((s) => [s.stepId, new Date(s.executedAt).toISOString()])).toEqual([
      ['everyone/notify:email+sms:final-notice#1', '2026-02-09T08:00:00.000Z'],
      ['everyone/account:suspend_subscription#1', '2026-02-16T08:00:00.000Z'],
      ['everyone/account:cancel_subscription#1', '2026-02-23T08:00:00.000Z'],
      ['everyone/account:write_off#1', '2026-02-23T08:00:00.000Z'],
    ])
    expect(report.actions.byType).toEqual({ account: 3, notify: 1 })
    expect(report.actions.byChannel).toEqual({ email: 1, sms: 1 })
    expect(report.accountActions.map((l) => [l.action, l.amounts])).toEqual([
      ['cancel subscription', { USD: 10_000 }],
      ['suspend subscription', { USD: 10_000 }],
      ['write off', { USD: 10_000 }],
    ])
  })

  it('stops at the real payment and counts what was sent just before it', async () => {
    const { report } = await run([paidDay12])
    expect(report.actions.byStep).toEqual({ 'everyone/notify:email+sms:final-notice#1': 1 })
    expect(report.paidAnyway).toEqual([
      { withinDays: 3, actions: 1, invoices: 1 },
      { withinDays: 7, actions: 1, invoices: 1 },
    ])
  })

  it('replays a paid row as it was at issue: open, full balance, paid when it was', async () => {
    const row = invoice('Z1', 'z', 1, { paidDay: 42 })
    const asEnded = { ...row, invoice: { ...row.invoice, balance: 0, status: 'paid' as const } }
    expect((await run([asEnded])).report.actions).toEqual((await run([row])).report.actions)
  })

  it('gives byte-identical JSON on the fast and the reference path', async () => {
    const records = generated(250)
    const fast = await run(records, 'fast')
    const reference = await run(records, 'reference')
    expect(fast.report.actions.total).toBeGreaterThan(100)
    expect(fast.report.invoices.rejected.total).toBeGreaterThan(0)
    expect(JSON.stringify(reference.report, null, 2)).toBe(JSON.stringify(fast.report, null, 2))
  })

  it('leaves invoices paid before any step out of the replay without changing a figure', async () => {
    // a guard on account.* (always true here) makes the simulator replay every invoice
    const everyone = SAAS_DEFAULT.segments[1]!
    const replayAll = buildPolicy({
      ...SAAS_DEFAULT,
      segments: [
        SAAS_DEFAULT.segments[0]!,
        {
          ...everyone,
          steps: everyone.steps.map((step) => ({
            ...step,
            guard: [
              ...(step.guard ?? []),
              {
                fact: 'account.unpaid_invoices',
                operator: 'greaterThanInclusive' as const,
                value: 0,
              },
            ],
          })),
        },
      ],
    })
    const records = generated(250)
    const [all] = await simulate(source(records), [
      { compiled: replayAll, replay: engineReplayer(replayAll) },
    ])
    const { report } = await run(records)
    expect(
      records.filter((r) => r.paidAt !== null && r.paidAt < r.invoice.due_at - 4 * 86_400_000)
        .length,
    ).toBeGreaterThan(10)
    expect(JSON.stringify(report)).toBe(JSON.stringify(all))
  })

  it('adds up reports of customer partitions to exactly the whole report', async () => {
    const records = generated(250)
    const responseModel = responseModelSchema.parse({
      baselineCureRate: 0.3,
      uplifts: [
        { channel: 'email', probability: 0.1 },
        { channel: 'retry_payment', probability: 0.2 },
      ],
    })
    const simulateWith = (partition: { index: number; count: number } | null) =>
      simulate(source(records), [{ compiled, replay: engineReplayer(compiled) }], {
        responseModel,
        partition,
      })
    const [whole] = await simulateWith(null)
    expect(whole!.escalations.length + whole!.accountActions.length).toBeGreaterThan(1)
    for (const count of [2, 3]) {
      const parts = await Promise.all(
        Array.from(
          { length: count },
          async (_, index) => (await simulateWith({ index, count }))[0]!,
        ),
      )
      expect(parts.every((p) => p.invoices.simulated < whole!.invoices.simulated)).toBe(true)
      expect(JSON.stringify(mergeReports(parts))).toBe(JSON.stringify(whole))
    }
  })

  it('gives the same report for sorted and shuffled input', async () => {
    const records = generated(250)
    const sorted = [...records].sort((a, b) => a.invoice.issued_at - b.invoice.issued_at)
    const one = (await run(sorted)).report
    const two = (await run([...sorted].reverse())).report
    const strip = (r: typeof one) => ({
      ...r,
      input: { ...r.input, sortedByIssueDate: null },
      notes: [],
    })
    expect(two.input.sortedByIssueDate).toBe(false)
    expect(JSON.stringify(strip(two))).toBe(JSON.stringify(strip(one)))
  })
})

/** Seeded invoices over a year: 30 customers (some enterprise), USD/EUR/GBP, most paid late. */
function generated(count: number): InvoiceRecord[] {
  let seed = 11
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return Math.floor((seed / 2_147_483_648) * n)
  }
  return Array.from({ length: count }, (_, i) => {
    const issued = next(365)
    const paid = next(4) === 0 ? null : issued + 20 + next(50)
    const currency = ['USD', 'EUR', 'USD', 'GBP', 'EUR'][next(5)]!
    const record = invoice(`I${i}`, `c${next(30)}`, issued, {
      paidDay: paid,
      currency,
      balance: 500 + next(900_000),
    })
    const enterprise = record.customerId.endsWith('7')
    return {
      ...record,
      customer: {
        customer: {
          id: record.customerId,
          plan: enterprise ? 'enterprise' : 'starter',
          arr: 0,
          currency: 'USD',
          country: 'US',
          timezone: ['UTC', 'America/New_York', 'Europe/Berlin'][
            Number(record.customerId.slice(1)) % 3
          ]!,
          language: 'en',
          tags: [],
          opted_out: [],
          promise_to_pay_until: null,
          created_at: null,
        },
        history: null,
      },
    }
  })
}
