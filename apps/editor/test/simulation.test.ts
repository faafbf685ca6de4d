import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compile } from '@dun/dsl'
import {
  readCustomers,
  readEvents,
  readInvoices,
  type Action,
  type CompiledPolicy,
  type InvoiceRecord,
} from '@dun/engine'
import { DEFAULT_RESPONSE_MODEL } from '../lib/simulation/default-response-model'
import { FunnelCounter, FUNNEL_STAGES } from '../lib/simulation/funnel'
import { explainDecision, invoiceStory } from '../lib/simulation/invoice-story'
import type { DatasetPayload } from '../lib/simulation/memory-source'
import { runSimulation } from '../lib/simulation/run-simulation'

const file = (path: string) =>
  readFileSync(new URL(`../../../examples/${path}`, import.meta.url), 'utf8')

function policy(name: string): CompiledPolicy {
  const { compiled, diagnostics } = compile(file(name))
  if (!compiled) throw new Error(`${name}: ${JSON.stringify(diagnostics)}`)
  return compiled
}

async function all<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of read) out.push(item)
  return out
}

/** The sample dataset as the browser receives it: through JSON, as the API sends it. */
async function sampleDataset(): Promise<DatasetPayload> {
  const invoices = await all(
    readInvoices(file('data/sample-invoices.csv'), { file: 'sample-invoices.csv' }),
  )
  const customers = await all(
    readCustomers(file('data/sample-customers.csv'), { file: 'sample-customers.csv' }),
  )
  const events = await all(
    readEvents(file('data/sample-events.jsonl'), { file: 'sample-events.jsonl' }),
  )
  const stored = invoices.map(({ customerId, invoice, paidAt }) => ({
    customerId,
    invoice,
    paidAt,
  }))
  return JSON.parse(
    JSON.stringify({ invoices: stored, customers, events, errorCount: 0 }),
  ) as DatasetPayload
}

describe('runSimulation', async () => {
  const data = await sampleDataset()
  const cards = { label: 'saas-cards', compiled: policy('saas-cards.dun') }
  const b2b = { label: 'b2b-net30', compiled: policy('b2b-net30.dun') }
  const progress: number[] = []
  const { result, episodes } = await runSimulation(
    data,
    [cards, b2b],
    DEFAULT_RESPONSE_MODEL,
    (read) => progress.push(read),
  )
  const [a, b] = result.reports

  it('reports on every invoice of the dataset, with progress up to the last one', () => {
    expect(a?.input.invoicesRead).toBe(data.invoices.length)
    expect(progress.at(-1)).toBe(data.invoices.length)
    expect(progress).toEqual([...progress].sort((x, y) => x - y))
    expect(a?.actions.total).toBeGreaterThan(0)
    expect(a?.recovery?.assumptions.length).toBeGreaterThan(0)
  })

  it('lists each acted-on invoice with its actions under each policy, adding up to the reports', () => {
    const sum = (policy: number) =>
      result.invoices.reduce((total, row) => total + (row.actions[policy] ?? 0), 0)
    expect(sum(0)).toBe(a?.actions.total)
    expect(sum(1)).toBe(b?.actions.total)
  })

  it('compares the second policy with the first', () => {
    expect(result.comparison?.differences.length).toBeGreaterThan(0)
    const total = result.comparison?.differences.find((d) => d.metric === 'actions.total')
    expect(total).toEqual({
      metric: 'actions.total',
      base: a?.actions.total,
      candidate: b?.actions.total,
      delta: (b?.actions.total ?? 0) - (a?.actions.total ?? 0),
    })
  })

  it('draws a funnel that narrows from the invoices in dunning', () => {
    const funnel = result.funnels[0]!
    expect(funnel['in dunning']).toBe(episodes[0]?.size)
    for (const stage of FUNNEL_STAGES)
      expect(funnel[stage]).toBeLessThanOrEqual(funnel['in dunning'])
    expect(funnel.reminded).toBeGreaterThan(0)
  })

  it("tells one invoice's story and explains the decision behind a step", () => {
    const row = result.invoices[0]!
    const episode = episodes[0]!.get(row.invoiceId)!
    const story = invoiceStory(cards.compiled, episode, row.invoiceId)
    const executed = story.timeline.filter((entry) => entry.kind === 'executed')
    expect(executed).toHaveLength(row.actions[0]!)
    const first = executed[0]!
    if (first.kind !== 'executed') throw new Error('unreachable')
    const decision = explainDecision(cards.compiled, episode, row.invoiceId, first.executedAt)
    expect(decision?.due.map((d) => d.stepId)).toContain(first.stepId)
    expect(decision?.trace?.some((rule) => rule.fired)).toBe(true)
  })

  it('gives one report and no comparison for one policy', async () => {
    const single = await runSimulation(data, [cards], null, () => {})
    expect(single.result.reports).toHaveLength(1)
    expect(single.result.comparison).toBeNull()
    expect(single.result.reports[0]?.recovery).toBeNull()
  })
})

describe('FunnelCounter', () => {
  const invoice = (id: string, paidAt: number | null): InvoiceRecord => ({
    customerId: 'cus_1',
    paidAt,
    invoice: {
      id,
      amount_due: 1000,
      balance: 1000,
      currency: 'USD',
      issued_at: 0,
      due_at: 0,
      status: 'open',
      disputed: false,
      attempts: 0,
      last_decline_code: null,
      last_decline_class: null,
      first_failed_at: null,
      subscription_id: null,
    },
  })
  const email: Action = { type: 'notify', channels: ['email'], template: 't' }
  const retry: Action = { type: 'retry_payment', methods: 'default' }
  const writeOff: Action = { type: 'account', operation: 'write_off' }

  it('counts an invoice once per stage it reached; a write-off is not paid', () => {
    const counter = new FunnelCounter()
    counter.add(invoice('a', 1), [email, email])
    counter.add(invoice('b', null), [email, retry])
    counter.add(invoice('c', 5), [writeOff])
    expect(counter.result()).toEqual({
      'in dunning': 3,
      reminded: 2,
      retried: 1,
      'suspended or escalated': 0,
      paid: 1,
      'written off': 1,
    })
  })
})
