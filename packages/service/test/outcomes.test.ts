import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import {
  attributionReport,
  collectTimes,
  dsoOverTime,
  recoveryReport,
  refreshOutcomes,
  type ServiceContext,
} from '../src/index.js'
import { email, insertHistory, insertVersion, sms } from './outcomes-history.js'

const at = (iso: string) => new Date(iso)

/** Figures as `key currency → payments/amount`, rounded past float noise, per model. */
function table(figures: Awaited<ReturnType<typeof attributionReport>>, model: string) {
  return Object.fromEntries(
    figures
      .filter((f) => f.model === model)
      .map((f) => [`${f.key} ${f.currency}`, [+f.payments.toFixed(6), +f.amount.toFixed(3)]]),
  )
}

describeOnDatabases('service_outcomes', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })
  let version = ''

  beforeEach(async () => {
    await sql`truncate customers, invoices, payment_events, policies, policy_versions, dunning_cases,
      dunning_actions, payment_outcomes, payment_attributions, outcome_rollups,
      outcome_collect_days, outcome_watermarks, case_outcomes, outcome_case_rollups, outcome_monthly,
      outcome_funnel_cases, outcome_funnel_versions, outcome_funnel_steps, outcome_collect_credits,
      outcome_first_payments, outcome_recovery_days, outcome_open_days cascade`.execute(db())
    version = await insertVersion(db(), 'main')
    await insertHistory(db(), version, [
      {
        // Three messages, then a part payment 1.5 days after the last and the rest 12 days later.
        invoiceId: 'A',
        segment: 'smb',
        currency: 'USD',
        amountDue: 10_000,
        openedAt: at('2026-03-01T00:00:00Z'),
        closedAt: at('2026-03-20T12:00:00Z'),
        actions: [
          { stepId: 'e0', action: email('due'), decidedAt: at('2026-03-01T01:00:00Z') },
          { stepId: 's3', action: sms('reminder'), decidedAt: at('2026-03-04T01:00:00Z') },
          { stepId: 'e7', action: email('final'), decidedAt: at('2026-03-08T01:00:00Z') },
          // Decided but never sent: not a touch.
          {
            stepId: 'x8',
            action: sms('never'),
            decidedAt: at('2026-03-09T01:00:00Z'),
            status: 'pending',
          },
        ],
        payments: [
          { at: at('2026-03-09T12:00:00Z'), amount: 6_000 },
          { at: at('2026-03-20T12:00:00Z'), amount: null },
        ],
      },
      {
        // One message on two channels; the retry comes after the payment, so it gets nothing.
        invoiceId: 'B',
        segment: null,
        currency: 'EUR',
        amountDue: 5_000,
        openedAt: at('2026-03-01T00:00:00Z'),
        actions: [
          {
            stepId: 'm1',
            action: { type: 'notify', channels: ['email', 'sms'], template: 'hello' },
            decidedAt: at('2026-03-02T00:00:00Z'),
          },
          {
            stepId: 'r2',
            action: { type: 'retry_payment', methods: 'default' },
            decidedAt: at('2026-03-03T12:00:00Z'),
          },
        ],
        payments: [{ at: at('2026-03-03T06:00:00Z'), amount: null }],
      },
    ])
  })

  it('links each payment to its case and credits both models exactly', async () => {
    expect(await refreshOutcomes(ctx())).toBe(3)

    const steps = await attributionReport(ctx(), 'step')
    expect(table(steps, 'last_touch')).toEqual({
      'e7 USD': [1, 6000],
      'unattributed USD': [1, 4000],
      'm1 EUR': [1, 5000],
    })
    expect(table(steps, 'position')).toEqual({
      'e0 USD': [0.8, 4000],
      's3 USD': [0.4, 2000],
      'e7 USD': [0.8, 4000],
      'm1 EUR': [1, 5000],
    })
    expect(steps.find((f) => f.model === 'position')?.label).toMatch(/40% first, 40% last/)

    const channels = await attributionReport(ctx(), 'channel')
    expect(table(channels, 'last_touch')).toEqual({
      'email USD': [1, 6000],
      'unattributed USD': [1, 4000],
      'email EUR': [0.5, 2500],
      'sms EUR': [0.5, 2500],
    })
    expect(table(channels, 'position')).toEqual({
      'email USD': [1.6, 8000],
      'sms USD': [0.4, 2000],
      'email EUR': [0.5, 2500],
      'sms EUR': [0.5, 2500],
    })
    expect(table(await attributionReport(ctx(), 'template'), 'position')).toEqual({
      'due USD': [0.8, 4000],
      'reminder USD': [0.4, 2000],
      'final USD': [0.8, 4000],
      'hello EUR': [1, 5000],
    })
    expect(table(await attributionReport(ctx(), 'version'), 'last_touch')).toEqual({
      [`${version} USD`]: [2, 10000],
      [`${version} EUR`]: [1, 5000],
    })
    expect(table(await attributionReport(ctx(), 'segment'), 'position')).toEqual({
      'smb USD': [2, 10000],
      ' EUR': [1, 5000],
    })
  })

  it('reports days to collect from the case opening: median, p90 and distribution', async () => {
    await refreshOutcomes(ctx())
    const times = await collectTimes(ctx())
    expect(times).toEqual(
      expect.arrayContaining([
        {
          key: version,
          currency: 'USD',
          model: null,
          label: null,
          payments: 2,
          medianDays: 8,
          p90Days: 19,
          distribution: [
            { day: 8, payments: 1 },
            { day: 19, payments: 1 },
          ],
        },
        {
          key: version,
          currency: 'EUR',
          model: null,
          label: null,
          payments: 1,
          medianDays: 2,
          p90Days: 2,
          distribution: [{ day: 2, payments: 1 }],
        },
      ]),
    )
    expect(times).toHaveLength(2)
  })

  it('reports the dunning DSO per month of payment: amount-weighted days to collect', async () => {
    await refreshOutcomes(ctx())
    expect(await dsoOverTime(ctx())).toEqual([
      {
        month: '2026-03',
        policyVersionId: version,
        currency: 'EUR',
        payments: 1,
        amount: 5000,
        dsoDays: 2,
      },
      // (6,000 × 8 days + 4,000 × 19 days) / 10,000
      {
        month: '2026-03',
        policyVersionId: version,
        currency: 'USD',
        payments: 2,
        amount: 10000,
        dsoDays: 12.4,
      },
    ])
  })

  it('counts each payment once however often the job runs, and adds later ones incrementally', async () => {
    await refreshOutcomes(ctx())
    expect(await refreshOutcomes(ctx())).toBe(0)
    const before = table(await attributionReport(ctx(), 'version'), 'last_touch')
    expect(before[`${version} USD`]).toEqual([2, 10000])

    await insertHistory(db(), version, [
      {
        invoiceId: 'C',
        segment: 'smb',
        currency: 'USD',
        amountDue: 700,
        openedAt: at('2026-03-05T00:00:00Z'),
        actions: [{ stepId: 'e0', action: email('due'), decidedAt: at('2026-03-05T01:00:00Z') }],
        payments: [{ at: at('2026-03-06T00:00:00Z'), amount: null }],
      },
    ])
    expect(await refreshOutcomes(ctx())).toBe(1)
    const after = table(await attributionReport(ctx(), 'version'), 'last_touch')
    expect(after[`${version} USD`]).toEqual([3, 10700])
    expect(table(await attributionReport(ctx(), 'step'), 'last_touch')['e0 USD']).toEqual([1, 700])
  })

  it('ignores payments of invoices that never were in dunning', async () => {
    await db()
      .insertInto('payment_events')
      .values({
        workspace_id: 'default',
        event_key: 'stray',
        invoice_id: 'A',
        type: 'payment_succeeded',
        // Before case A opened: not a dunning recovery.
        at: at('2026-02-01T00:00:00Z'),
        payload: JSON.stringify({
          type: 'payment_succeeded',
          invoice_id: 'A',
          at: '2026-02-01T00:00:00Z',
          amount: 1,
        }),
      })
      .execute()
    expect(await refreshOutcomes(ctx())).toBe(3)
  })

  it('reports recovery rates by count and by amount per version, segment and cohort', async () => {
    // An unpaid case, written off: it counts in the denominators and as churn.
    await insertHistory(db(), version, [
      {
        invoiceId: 'D',
        segment: 'smb',
        currency: 'USD',
        amountDue: 3_000,
        openedAt: at('2026-04-02T00:00:00Z'),
        closedAt: at('2026-04-30T00:00:00Z'),
        actions: [
          { stepId: 'e0', action: email('due'), decidedAt: at('2026-04-02T01:00:00Z') },
          {
            stepId: 'w28',
            action: { type: 'account', operation: 'write_off' },
            decidedAt: at('2026-04-30T00:00:00Z'),
          },
        ],
        payments: [],
      },
    ])
    await refreshOutcomes(ctx())
    const usd = {
      currency: 'USD',
      cases: 2,
      recoveredCases: 1,
      rateByCount: 0.5,
      amountDue: 13_000,
      recoveredAmount: 10_000,
      rateByAmount: 10_000 / 13_000,
      // A (3 messages, 100 USD recovered) and D (1 message, written off) are closed.
      closedCases: 2,
      messagesSent: 4,
      messagesPerUnitRecovered: 0.04,
      cancellations: 0,
      writeOffs: 1,
      churnRate: 0.5,
    }
    const eur = {
      currency: 'EUR',
      cases: 1,
      recoveredCases: 1,
      rateByCount: 1,
      amountDue: 5_000,
      recoveredAmount: 5_000,
      rateByAmount: 1,
      // B is still open.
      closedCases: 0,
      messagesSent: 0,
      messagesPerUnitRecovered: null,
      cancellations: 0,
      writeOffs: 0,
      churnRate: 0,
    }
    expect(await recoveryReport(ctx(), 'version')).toEqual([
      { key: version, ...eur },
      { key: version, ...usd },
    ])
    expect(await recoveryReport(ctx(), 'segment')).toEqual([
      { key: '', ...eur },
      { key: 'smb', ...usd },
    ])
    // Cohorts by month of the first failed payment: A and B in March, D in April.
    expect(await recoveryReport(ctx(), 'cohort')).toEqual([
      { key: '2026-03', ...eur },
      {
        key: '2026-03',
        currency: 'USD',
        cases: 1,
        recoveredCases: 1,
        rateByCount: 1,
        amountDue: 10_000,
        recoveredAmount: 10_000,
        rateByAmount: 1,
        closedCases: 1,
        messagesSent: 3,
        messagesPerUnitRecovered: 0.03,
        cancellations: 0,
        writeOffs: 0,
        churnRate: 0,
      },
      {
        key: '2026-04',
        currency: 'USD',
        cases: 1,
        recoveredCases: 0,
        rateByCount: 0,
        amountDue: 3_000,
        recoveredAmount: 0,
        rateByAmount: 0,
        closedCases: 1,
        messagesSent: 1,
        messagesPerUnitRecovered: null,
        cancellations: 0,
        writeOffs: 1,
        churnRate: 1,
      },
    ])
    // Run again: nothing counts twice.
    await refreshOutcomes(ctx())
    expect((await recoveryReport(ctx(), 'segment'))[1]).toEqual({ key: 'smb', ...usd })
  })

  it('uses a configurable last-touch window', async () => {
    // A's second payment (20 Mar 12:00) is 12.5 days after the final email: a 13-day window
    // credits it to e7 instead of leaving it unattributed.
    await refreshOutcomes(ctx(), { windowDays: 13 })
    const steps = table(await attributionReport(ctx(), 'step'), 'last_touch')
    expect(steps['e7 USD']).toEqual([2, 10000])
    expect(steps['unattributed USD']).toBeUndefined()
  })
})
