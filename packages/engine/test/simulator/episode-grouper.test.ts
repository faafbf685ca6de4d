import { describe, expect, it } from 'vitest'
import type { EventRecord, InvoiceRecord } from '../../src/dataset/records.js'
import {
  EpisodeGrouper,
  episodeOf,
  heldEpisodes,
  type HeldEpisode,
} from '../../src/simulator/episode-grouper.js'
import { policySpan } from '../../src/simulator/policy-span.js'
import type { Cap } from '../../src/compiled.js'
import { customer, DAY, invoice, policy, T0 } from './fixtures.js'

/** A grouper fed as the simulator feeds it: each invoice with its customer and (no) events. */
const grouper = () => {
  const g = new EpisodeGrouper(policySpan([policy()]), heldEpisodes)
  return {
    add: (record: InvoiceRecord) => episodes(g.add(record, customer(record.customerId), [])),
    finish: () => episodes(g.finish()),
    get openEpisodes() {
      return g.openEpisodes
    },
  }
}

const episodes = (held: readonly HeldEpisode[]) => held.map((h) => episodeOf(h, null))

describe('episode grouper', () => {
  it('keeps overlapping invoices of one customer together and the as-was payment as an event', () => {
    const g = grouper()
    expect(g.add(invoice('A1', 'a', 0, { paidDay: 40 }))).toEqual([])
    expect(g.add(invoice('A2', 'a', 20))).toEqual([])
    const [episode] = g.finish()
    expect(episode!.invoices.map((r) => r.invoice.id)).toEqual(['A1', 'A2'])
    expect(episode!.events).toEqual([
      {
        type: 'payment_succeeded',
        invoice_id: 'A1',
        at: invoice('A1', 'a', 0, { paidDay: 40 }).paidAt,
        amount: null,
      },
    ])
  })

  it('starts a new episode once the earlier invoices can no longer interact', () => {
    const g = grouper()
    g.add(invoice('A1', 'a', 0, { paidDay: 35 }))
    // paid day 35, + 7 days of cap memory + 1 day of zone slack: day 50 is clear
    const closed = g.add(invoice('A2', 'a', 50))
    expect(closed.map((e) => e.invoices.map((r) => r.invoice.id))).toEqual([['A1']])
  })

  it('holds only the customers with open invoices: memory follows open invoices, not the file', () => {
    const g = grouper()
    let peak = 0
    for (let day = 0; day < 2_000; day += 1) {
      g.add(invoice(`I${day}`, `c${day}`, day, { paidDay: day + 35 }))
      peak = Math.max(peak, g.openEpisodes)
    }
    // each invoice matters for 35 + 8 days; one closes per day after that
    expect(peak).toBeLessThanOrEqual(45)
    expect(g.finish().length).toBeLessThanOrEqual(45)
  })

  it('keeps later invoices of a customer with an earlier one while its promise to pay is in force', () => {
    // a promise is the customer's: every case waits for its end, and may act then
    const g = new EpisodeGrouper(policySpan([policy()]), heldEpisodes)
    const promised = invoice('A1', 'a', 0) // due day 30
    const promise: EventRecord = {
      type: 'promise_to_pay',
      invoice_id: 'A1',
      at: T0 + 31 * DAY,
      until: T0 + 150 * DAY,
    }
    expect(g.add(promised, customer('a'), [promise])).toEqual([])
    // day 100 is past the promise's day 31 + span (81) + memory (8), not past its end
    expect(g.add(invoice('A2', 'a', 100), customer('a'), [])).toEqual([])
    const [episode] = episodes(g.finish())
    expect(episode!.invoices.map((r) => r.invoice.id)).toEqual(['A1', 'A2'])
  })

  it('closes an unpaid invoice after the policy span: last step + 30 days re-check', () => {
    const g = grouper()
    g.add(invoice('A1', 'a', 0)) // due day 30, last step day 20 → active until day 81, + 8 memory
    expect(g.add(invoice('B1', 'b', 88))).toEqual([])
    expect(g.add(invoice('B2', 'b', 90)).map((e) => e.customer.customer.id)).toEqual(['a'])
  })
})

describe('policy span', () => {
  const guarded = (fact: string) => ({
    ...policy(),
    rules: [
      {
        name: 'everyone/notify:email:reminder#1',
        priority: 1,
        conditions: { all: [{ fact, operator: 'lessThan' as const, value: 3 }] },
        event: { type: 'stop' as const, params: { reason: 'test' } },
      },
    ],
  })

  it('knows when invoices cannot be judged alone: account aggregates or other invoices’ contacts', () => {
    expect(policySpan([policy()])).toMatchObject({ readsAccount: false, readsContacts: false })
    expect(policySpan([guarded('account.unpaid_invoices')])).toMatchObject({ readsAccount: true })
    expect(policySpan([policy(), guarded('dunning.messages_7d')])).toMatchObject({
      readsContacts: true,
    })
    expect(policySpan([guarded('dunning.since_last_contact')]).readsContacts).toBe(true)
  })

  it('spans from the earliest step to the last step plus the daily re-check window', () => {
    const span = policySpan([policy()])
    expect(span.stepGroups.map(({ steps }) => steps[0]!.step.id)).toEqual([
      'everyone/notify:email:reminder#1',
    ])
    expect(span.stepGroups[0]!.window.opensAt).toBe(8 * 60)
    expect(span.caseSpanMs).toBe((20 + 30 + 1) * 86_400_000)
    expect(span.memoryMs).toBe(8 * 86_400_000)
  })

  it('remembers contacts as long as the customer’s longest contact cap, never a per-invoice retry cap', () => {
    const capped = (caps: Cap[]) => ({
      ...policy(),
      plan: { ...policy().plan, limits: { ...policy().plan.limits, caps } },
    })
    const retries: Cap = { scope: 'retries', max: 4, windowDays: 30 }
    const sms: Cap = { scope: 'sms', max: 1, windowDays: 14 }
    // retries are capped per invoice: a customer's invoices share nothing through them
    expect(policySpan([capped([retries])]).memoryMs).toBe(8 * 86_400_000)
    expect(policySpan([capped([retries, sms])]).memoryMs).toBe(15 * 86_400_000)
  })
})
