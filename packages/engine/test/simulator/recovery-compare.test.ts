import { describe, expect, it } from 'vitest'
import { simulate } from '../../src/simulator/simulate.js'
import { compareReports } from '../../src/simulator/compare.js'
import { responseModelSchema } from '../../src/simulator/response-model.js'
import { RowErrorTally } from '../../src/simulator/row-errors.js'
import { fakeReplayer, invoice, policy, source, step } from './fixtures.js'

const a1 = invoice('A1', 'a', 0) // never paid: email day 1 (deferred to 2 Feb), email+sms day 5, …
const a2 = invoice('A2', 'a', 2, { paidDay: 38 }) // paid 8 Feb: email day 1, email+sms day 5
const b1 = invoice('B1', 'b', 0, { currency: 'EUR', balance: 50_000, paidDay: 31 }) // no action
const rows = [a1, b1, a2]

describe('declared response model', () => {
  const model = responseModelSchema.parse({
    baselineCureRate: 0.2,
    baselineDaysToPay: 5,
    daysToPayAfterAction: 2,
    uplifts: [
      { channel: 'email', probability: 0.1 },
      { channel: 'sms', days: [5, 5], probability: 0.5 },
    ],
  })

  it('estimates recovered amounts and DSO as expected values, with its assumptions', async () => {
    const compiled = policy()
    const [report] = await simulate(source(rows), [{ compiled, replay: fakeReplayer(compiled) }], {
      responseModel: model,
    })
    const recovery = report!.recovery!
    // Per dunned invoice of 100.00: baseline 20% → 20.00; email 0.8×10% → 8.00;
    // second email 0.72×10% → 7.20; sms 0.648×50% → 32.40. Total 67.60 each.
    expect(recovery.dunnedInvoices).toBe(2)
    expect(recovery.byCurrency).toEqual({
      USD: {
        dunnedBalance: 20_000,
        actuallyPaid: 10_000,
        estimatedRecovered: 13_520,
        estimatedDso: 36.3,
        estimatedPaymentDays: 490_210,
      },
    })
    expect(recovery.assumptions.join('\n')).toContain('20% of dunned invoices are paid')
    expect(recovery.assumptions.join('\n')).toContain('sms in segment any on days 5–5: 50%')
  })

  it('rejects a model with a misspelt field, naming it', () => {
    const result = responseModelSchema.safeParse({
      baselineCureRate: 0.2,
      uplifts: [],
      upliftz: [],
    })
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error!.issues)).toContain('upliftz')
  })
})

describe('compare mode', () => {
  it('runs two policies on the same invoices and lists the differences', async () => {
    const base = policy('base')
    const gentle = policy('gentle', [
      step('notify:email:reminder#1', 1, {
        type: 'notify',
        channels: ['email'],
        template: 'reminder',
      }),
    ])
    const [one, two] = await simulate(source(rows), [
      { compiled: base, replay: fakeReplayer(base) },
      { compiled: gentle, replay: fakeReplayer(gentle) },
    ])
    const comparison = compareReports(one!, two!)
    expect(comparison.base.policy.name).toBe('base')
    expect(comparison.candidate.policy.name).toBe('gentle')
    const delta = Object.fromEntries(
      comparison.differences.map((d) => [d.metric, [d.base, d.candidate, d.delta]]),
    )
    expect(delta['actions.total']).toEqual([6, 2, -4])
    expect(delta['actions.byChannel.sms']).toEqual([2, 0, -2])
    expect(delta['escalate to collections.amount.USD']).toEqual([10_000, 0, -10_000])
    expect(delta['actions.bySegment.everyone']).toEqual([6, 2, -4])
    expect(delta['invoices.actedOn']).toBeUndefined()
  })
})

describe('row errors', () => {
  it('counts per file and column and keeps the first few in file order', () => {
    const errors = [
      { file: 'inv.csv', row: 3, column: 'due_at', message: "'31/02/2024' is not a date" },
      { file: 'inv.csv', row: 5, column: 'amount_due', message: "'x' is not a decimal amount" },
      { file: 'inv.csv', row: 9, column: 'due_at', message: "'' is empty" },
      { file: 'events.jsonl', row: 2, column: null, message: 'not JSON' },
    ]
    const tally = new RowErrorTally(2)
    for (const error of errors) tally.add(error)
    const summary = tally.summary()
    expect(summary.total).toBe(4)
    expect(summary.first.map((e) => e.row)).toEqual([3, 5])
    expect(summary.byColumn).toEqual([
      { file: 'events.jsonl', column: '(whole row)', count: 1 },
      { file: 'inv.csv', column: 'amount_due', count: 1 },
      { file: 'inv.csv', column: 'due_at', count: 2 },
    ])
  })
})
