import { describe, expect, it } from 'vitest'
import { simulate } from '../../src/simulator/simulate.js'
import type { InvoiceRecord } from '../../src/dataset/records.js'
import { fakeReplayer, invoice, policy, source, T0, DAY } from './fixtures.js'

// T0 is Thursday 2026-01-01; invoices are due 30 days after issue; the fake replay runs
// each step at 09:00 UTC on due day + offset and moves a Sunday to Monday (a deferral).
const a1 = invoice('A1', 'a', 0) // due Sat 31 Jan, never paid: all four steps
const a2 = invoice('A2', 'a', 2, { paidDay: 38 }) // due Mon 2 Feb, paid 8 Feb: days 1 and 5 only
const b1 = invoice('B1', 'b', 0, { currency: 'EUR', balance: 50_000, paidDay: 31 }) // paid before day 1 ran
const c1 = invoice('C1', 'c', 1, { currency: 'GBP' }) // currency not in the policy
const rows = [a1, b1, c1, a2]

async function run(records: readonly InvoiceRecord[], options = {}) {
  const compiled = policy()
  const [report] = await simulate(
    source(records),
    [{ compiled, replay: fakeReplayer(compiled) }],
    options,
  )
  return report!
}

describe('simulate: report figures on a hand-checked dataset', () => {
  it('counts actions by type, channel, segment and day', async () => {
    const report = await run(rows)
    expect(report.invoices).toEqual({
      simulated: 3,
      actedOn: 2,
      rejected: { total: 1, byCurrency: { GBP: 1 } },
    })
    expect(report.actions.total).toBe(6)
    expect(report.actions.byType).toEqual({ account: 1, escalate: 1, notify: 4 })
    expect(report.actions.byChannel).toEqual({ email: 4, sms: 2 })
    expect(report.actions.bySegment).toEqual({ everyone: 6 })
    expect(Object.entries(report.actions.byDayOffset)).toEqual([
      ['day 1', 2],
      ['day 5', 2],
      ['day 10', 1],
      ['day 20', 1],
    ])
    expect(report.actions.perDay).toEqual({
      '2026-02-02': { email: 1 },
      '2026-02-03': { email: 1 },
      '2026-02-05': { email: 1, sms: 1 },
      '2026-02-07': { email: 1, sms: 1 },
      '2026-02-10': { escalate: 1 },
      '2026-02-20': { account: 1 },
    })
  })

  it('counts messages per customer across their invoices, deferrals by reason', async () => {
    const report = await run(rows)
    expect(report.messagesPerCustomer).toEqual({
      customersMessaged: 1,
      max: 6,
      p95: 6,
      histogram: { 6: 1 },
    })
    // A1's day 1 falls on Sunday 1 Feb; B1 was paid that midnight, before its day 1 came.
    expect(report.deferrals).toEqual({ total: 1, byReason: { quiet_hours: 1 } })
  })

  it('lists escalations and account actions with the balances involved', async () => {
    const report = await run(rows)
    expect(report.escalations).toEqual([
      { action: 'escalate to collections', count: 1, invoices: 1, amounts: { USD: 10_000 } },
    ])
    expect(report.accountActions).toEqual([
      { action: 'suspend subscription', count: 1, invoices: 1, amounts: { USD: 10_000 } },
    ])
  })

  it('counts actions sent to invoices paid within 3 and 7 days anyway', async () => {
    const report = await run(rows)
    // A2: email at 3 Feb 09:00 (4.6 days before payment), email+sms at 7 Feb 09:00 (0.6 days)
    expect(report.paidAnyway).toEqual([
      { withinDays: 3, actions: 1, invoices: 1 },
      { withinDays: 7, actions: 2, invoices: 1 },
    ])
  })

  it('reports no recovery without a response model, and says so', async () => {
    const report = await run(rows)
    expect(report.recovery).toBeNull()
    expect(report.notes.join('\n')).toMatch(/No recovery estimate/)
  })

  it('bounds the replay with from/to', async () => {
    const report = await run(rows, { from: T0 + DAY, to: Date.parse('2026-02-06T00:00:00Z') })
    // A1 and B1 (issued day 0) are outside; A2 runs until 6 Feb: its day-1 email only.
    expect(report.input.outsideWindow).toBe(2)
    expect(report.invoices.simulated).toBe(1)
    expect(report.actions.byStep).toEqual({ 'everyone/notify:email:reminder#1': 1 })
    expect(report.window).toEqual({
      from: '2026-01-02T00:00:00.000Z',
      to: '2026-02-06T00:00:00.000Z',
    })
  })
})

describe('simulate: sorted input streams, unsorted input is sorted first', () => {
  it('gives the same figures and says the input was sorted in memory', async () => {
    const sorted = await run([...rows].sort((x, y) => x.invoice.issued_at - y.invoice.issued_at))
    let restarts = 0
    const compiled = policy()
    const [unsorted] = await simulate(
      source([a2, c1, b1, a1]),
      [{ compiled, replay: fakeReplayer(compiled) }],
      {
        hooks: { onRestart: () => (restarts += 1) },
      },
    )
    expect(sorted.input.sortedByIssueDate).toBe(true)
    expect(unsorted!.input.sortedByIssueDate).toBe(false)
    expect(restarts).toBe(1)
    expect(unsorted!.notes.join('\n')).toMatch(/not sorted by issue date/)
    const strip = (r: typeof sorted) => ({
      ...r,
      input: { ...r.input, sortedByIssueDate: null },
      notes: [],
    })
    expect(JSON.stringify(strip(unsorted!))).toBe(JSON.stringify(strip(sorted)))
  })

  it('gives byte-identical figures on a larger shuffled dataset', async () => {
    const records = generated(400)
    const sorted = [...records].sort((x, y) => x.invoice.issued_at - y.invoice.issued_at)
    const shuffled = [...records].reverse()
    const one = await run(sorted)
    const two = await run(shuffled)
    const strip = (r: typeof one) => ({
      ...r,
      input: { ...r.input, sortedByIssueDate: null },
      notes: [],
    })
    expect(one.actions.total).toBeGreaterThan(100)
    expect(JSON.stringify(strip(two))).toBe(JSON.stringify(strip(one)))
  })
})

/** Seeded pseudo-random invoices: 40 customers, issue days 0..365, some paid. */
function generated(count: number): InvoiceRecord[] {
  let seed = 7
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return Math.floor((seed / 2_147_483_648) * n)
  }
  return Array.from({ length: count }, (_, i) => {
    const issued = next(365)
    const paid = next(3) === 0 ? null : issued + 25 + next(40)
    return invoice(`I${i}`, `c${next(40)}`, issued, {
      paidDay: paid,
      balance: 1_000 + next(90_000),
    })
  })
}
