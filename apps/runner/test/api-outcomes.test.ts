import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeOnDatabases } from '@dun/store/testing'
import { upsertCustomers, upsertInvoices } from '@dun/service'
import { openApi, type ApiHarness } from './api-fixtures.js'

const NOW = '2026-03-10T00:00:00Z'

describeOnDatabases('runner_api_outcomes', (db) => {
  let api: ApiHarness
  let version: string
  beforeAll(async () => {
    api = await openApi(db(), NOW)
    await upsertCustomers(api.ctx, [{ id: 'c1', currency: 'USD', timezone: 'UTC' }])
    await upsertInvoices(api.ctx, [
      {
        id: 'inv-1',
        customer_id: 'c1',
        amount_due: 4_900,
        balance: 4_900,
        currency: 'USD',
        issued_at: '2026-02-20T00:00:00Z',
        due_at: '2026-03-01T00:00:00Z',
      },
    ])
    const policy = await db()
      .insertInto('policies')
      .values({ workspace_id: 'default', name: 'p', live_version_id: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    version = (
      await db()
        .insertInto('policy_versions')
        .values({
          workspace_id: 'default',
          policy_id: policy.id,
          number: 1,
          source: 'policy "p" {}',
          compiled: JSON.stringify({}),
          content_hash: 'p',
          author: 'ana',
          comment: '',
          state: 'published',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const kase = await db()
      .insertInto('dunning_cases')
      .values({
        workspace_id: 'default',
        invoice_id: 'inv-1',
        customer_id: 'c1',
        policy_version_id: version,
        state: 'active',
        segment: 'smb, "big"',
        opened_at: '2026-03-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const sent = (step: string, channel: 'email' | 'sms', day: string) => ({
      workspace_id: 'default',
      case_id: kase.id,
      customer_id: 'c1',
      invoice_id: 'inv-1',
      step_id: step,
      action: JSON.stringify({ type: 'notify', channels: [channel], template: step }),
      action_type: 'notify' as const,
      status: 'sent' as const,
      idempotency_key: `${kase.id}/${step}`,
      scheduled_at: day,
      decided_at: day,
    })
    await db()
      .insertInto('dunning_actions')
      .values([
        sent('first', 'email', '2026-03-01T01:00:00Z'),
        sent('second', 'sms', '2026-03-04T01:00:00Z'),
      ])
      .execute()
    // Recorded as the events route records it (the route would also re-evaluate the case,
    // which needs a real compiled policy).
    await db()
      .insertInto('payment_events')
      .values({
        workspace_id: 'default',
        event_key: 'pay-1',
        invoice_id: 'inv-1',
        type: 'payment_succeeded',
        at: '2026-03-05T01:00:00Z',
        payload: JSON.stringify({
          type: 'payment_succeeded',
          invoice_id: 'inv-1',
          at: '2026-03-05T01:00:00Z',
          amount: null,
        }),
      })
      .execute()
  })
  afterAll(async () => {
    await api?.app.close()
  })

  it('answers attribution by channel, both models labelled, for a read token', async () => {
    const response = await api.call('GET', '/v1/outcomes/attribution?by=channel', {
      token: 'read',
    })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.models.last_touch).toMatch(/Last touch/)
    expect(body.figures).toEqual([
      expect.objectContaining({ model: 'last_touch', key: 'sms', payments: 1, amount: 4900 }),
      expect.objectContaining({ model: 'position', key: 'email', payments: 0.5, amount: 2450 }),
      expect.objectContaining({ model: 'position', key: 'sms', payments: 0.5, amount: 2450 }),
    ])
  })

  it('exports CSV, quoting what needs it', async () => {
    const response = await api.call('GET', '/v1/outcomes/attribution?by=segment&format=csv', {
      token: 'read',
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/csv/)
    const lines = response.body.trimEnd().split('\r\n')
    expect(lines[0]).toBe('model,label,segment,currency,payments,amount_minor_units')
    expect(lines[1]).toBe(
      'last_touch,Last touch (last action within the window),"smb, ""big""",USD,1,4900',
    )
    expect(lines).toHaveLength(3)
  })

  it('answers days to collect per version, as JSON and CSV', async () => {
    const json = await api.call('GET', '/v1/outcomes/collect-times', { token: 'read' })
    // asOf: when the figures were last brought fully up to date (this read caught up).
    expect(json.json()).toEqual({
      by: 'version',
      times: expect.any(Array),
      asOf: expect.any(String),
    })
    expect(Date.parse(json.json().asOf)).toBeLessThanOrEqual(Date.now())
    expect(json.json().times).toEqual([
      {
        key: version,
        currency: 'USD',
        model: null,
        label: null,
        payments: 1,
        medianDays: 4,
        p90Days: 4,
        distribution: [{ day: 4, payments: 1 }],
      },
    ])
    const csv = await api.call('GET', '/v1/outcomes/collect-times?format=csv', { token: 'read' })
    // Named as the editor's export names it.
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="collect-times-by-version.csv"',
    )
    expect(csv.body).toBe(
      `policy_version_id,currency,day,payments,median_days,p90_days\r\n${version},USD,4,1,4,4\r\n`,
    )
  })

  it('answers recovery rates by cohort, as JSON and CSV', async () => {
    const json = await api.call('GET', '/v1/outcomes/recovery?by=cohort', { token: 'read' })
    expect(json.json().figures).toEqual([
      {
        key: '2026-03',
        currency: 'USD',
        cases: 1,
        recoveredCases: 1,
        rateByCount: 1,
        amountDue: 4900,
        recoveredAmount: 4900,
        rateByAmount: 1,
        closedCases: 0,
        messagesSent: 0,
        messagesPerUnitRecovered: null,
        cancellations: 0,
        writeOffs: 0,
        churnRate: 0,
      },
    ])
    const csv = await api.call('GET', '/v1/outcomes/recovery?by=version&format=csv', {
      token: 'read',
    })
    expect(csv.body.split('\r\n')[1]).toBe(`${version},USD,1,1,1,4900,4900,1,0,0,,0,0,0`)
  })

  it('answers the DSO per month of payment as CSV', async () => {
    const csv = await api.call('GET', '/v1/outcomes/dso?format=csv', { token: 'read' })
    expect(csv.body).toBe(
      `month,policy_version_id,currency,payments,amount,dso_days\r\n2026-03,${version},USD,1,4900,4\r\n`,
    )
  })

  it('answers days to collect by channel, each model credited side by side', async () => {
    const json = await api.call('GET', '/v1/outcomes/collect-times?by=channel', { token: 'read' })
    const rows = json
      .json()
      .times.map((t: { model: string; key: string; payments: number; medianDays: number }) => [
        t.model,
        t.key,
        t.payments,
        t.medianDays,
      ])
    expect(rows).toEqual([
      ['position', 'email', 0.5, 4],
      ['last_touch', 'sms', 1, 4],
      ['position', 'sms', 0.5, 4],
    ])
    const csv = await api.call('GET', '/v1/outcomes/collect-times?by=step&format=csv', {
      token: 'read',
    })
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="collect-times-by-step.csv"',
    )
    expect(csv.body.split('\r\n')[0]).toBe('step,model,currency,day,payments,median_days,p90_days')
  })

  it('answers the time-to-collect curve per version, as JSON and CSV', async () => {
    const json = await api.call('GET', '/v1/outcomes/curves', { token: 'read' })
    expect(json.json().curves).toEqual([
      {
        policyVersionId: version,
        currency: 'USD',
        cases: 1,
        points: [{ day: 4, recoveredCases: 1, casesAtRisk: 1, share: 1 }],
      },
    ])
    const csv = await api.call('GET', '/v1/outcomes/curves?format=csv', { token: 'read' })
    expect(csv.body).toBe(
      `policy_version_id,currency,cases,day,recovered_cases,cases_at_risk,cumulative_share\r\n${version},USD,1,4,1,1,1\r\n`,
    )
  })

  it('counts a case into the funnel once it closes, step by step, as JSON and CSV', async () => {
    const before = await api.call('GET', '/v1/outcomes/funnel', { token: 'read' })
    expect(before.json()).toEqual({ funnels: [], asOf: expect.any(String) })
    await db()
      .updateTable('dunning_cases')
      .set({ state: 'stopped', closed_at: new Date('2026-03-05T02:00:00Z') })
      .where('invoice_id', '=', 'inv-1')
      .execute()
    const json = await api.call('GET', '/v1/outcomes/funnel', { token: 'read' })
    const step = (stepId: string, meanDayReached: number) => ({
      stepId,
      casesReached: 1,
      meanDayReached,
      recoveredAfter: 1,
      recoveredAfterRate: 1,
      amountRecoveredAfter: 4900,
    })
    expect(json.json().funnels).toEqual([
      {
        policyVersionId: version,
        currency: 'USD',
        closedCases: 1,
        recoveredCases: 1,
        recoveredAmount: 4900,
        steps: [step('first', 0), step('second', 3)],
      },
    ])
    const csv = await api.call('GET', '/v1/outcomes/funnel?format=csv', { token: 'read' })
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
      'policy_version_id,currency,step,mean_day_reached,cases,recovered_after,recovered_after_rate,amount_recovered_after',
      `${version},USD,(closed cases),,1,1,1,4900`,
      `${version},USD,first,0,1,1,1,4900`,
    ])
  })

  it('names a wrong dimension, refuses without a token, and is documented', async () => {
    const wrong = await api.call('GET', '/v1/outcomes/attribution?by=colour', { token: 'read' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.message).toMatch(/by/)
    const anonymous = await api.call('GET', '/v1/outcomes/attribution?by=step')
    expect(anonymous.statusCode).toBe(401)
    const doc = (await api.call('GET', '/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/outcomes/attribution',
        '/v1/outcomes/collect-times',
        '/v1/outcomes/recovery',
        '/v1/outcomes/dso',
        '/v1/outcomes/funnel',
        '/v1/outcomes/curves',
      ]),
    )
  })
})
