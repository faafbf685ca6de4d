import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeOnDatabases } from '@dun/store/testing'
import { evaluateCustomers, upsertCustomers, upsertInvoices } from '@dun/service'
import { openApi, type ApiHarness } from './api-fixtures.js'
import { publishPolicy } from './scheduler-fixtures.js'

const policy = readFileSync(new URL('../../../examples/saas-cards.dun', import.meta.url), 'utf8')
const NOW = '2026-01-20T12:00:00Z'
// Day 6 after the due date, 10:00 in Paris: the "card-reminder" sms is due.
const DAY_6 = '2026-01-21T09:00:00Z'

describeOnDatabases('runner_api_timeline', (db) => {
  let api: ApiHarness
  let caseId: string
  beforeAll(async () => {
    api = await openApi(db(), NOW)
    await publishPolicy(api.ctx, policy)
    await upsertCustomers(api.ctx, [
      { id: 'c1', currency: 'USD', plan: 'monthly', timezone: 'Europe/Paris' },
    ])
    await upsertInvoices(api.ctx, [
      {
        id: 'inv-1',
        customer_id: 'c1',
        amount_due: 4_900,
        balance: 4_900,
        currency: 'USD',
        issued_at: '2026-01-01T00:00:00Z',
        due_at: '2026-01-15T00:00:00Z',
      },
    ])
    await evaluateCustomers(api.ctx, ['c1'], new Date('2026-01-16T09:00:00Z'))
    caseId = (await db().selectFrom('dunning_cases').select('id').executeTakeFirstOrThrow()).id
  })
  afterAll(async () => {
    await api?.app.close()
  })
  const call: ApiHarness['call'] = (...args) => api.call(...args)
  const stored = async () => ({
    cases: await db().selectFrom('dunning_cases').selectAll().execute(),
    actions: await db().selectFrom('dunning_actions').selectAll().execute(),
    schedule: await db().selectFrom('customer_schedule').selectAll().execute(),
  })

  it("adds the engine's decision and trace at an instant, and writes nothing", async () => {
    const before = await stored()
    const response = await call('GET', `/v1/cases/${caseId}/timeline?at=${DAY_6}`, {
      token: 'read',
    })
    expect(response.statusCode).toBe(200)
    const { evaluation, entries } = response.json()
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual(['opened'])
    expect(evaluation).toMatchObject({ at: '2026-01-21T09:00:00.000Z', note: null })
    expect(evaluation.decision).toMatchObject({
      invoiceId: 'inv-1',
      status: 'active',
      segment: 'everyone',
      due: [{ action: { type: 'notify', channels: ['sms'], template: 'card-reminder' } }],
    })
    const trace = evaluation.decision.trace as { rule: string; fired: boolean }[]
    expect(trace.length).toBeGreaterThan(1)
    // The matching segment's rule and the one due step's rule fired; no other step's did.
    expect(trace.filter((t) => t.fired).map((t) => t.rule)).toEqual([
      evaluation.decision.due[0].stepId,
      'segment:everyone',
    ])
    expect(await stored()).toEqual(before)

    // The scheduler, evaluating at the same instant, decides exactly what was explained.
    const { trace: _trace, ...explained } = evaluation.decision
    const summary = await evaluateCustomers(api.ctx, ['c1'], new Date(DAY_6), { decisions: true })
    expect(JSON.parse(JSON.stringify(summary.decisions?.[0]?.decision))).toEqual(explained)
  })

  it('evaluates at the API clock by default, and names a malformed instant', async () => {
    const response = await call('GET', `/v1/cases/${caseId}/timeline`, { token: 'read' })
    expect(response.json().evaluation).toMatchObject({
      at: '2026-01-20T12:00:00.000Z',
      decision: { status: 'active', due: [] },
    })
    for (const at of ['tomorrow', '2026-01-21T09:00:00']) {
      const bad = await call('GET', `/v1/cases/${caseId}/timeline?at=${at}`, { token: 'read' })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'querystring.at' })
    }
    const unknown = await call('GET', `/v1/cases/${caseId}/timeline?when=${DAY_6}`, {
      token: 'read',
    })
    expect(unknown.json().error.field).toBe('querystring.when')
    expect((await call('GET', `/v1/cases/${caseId}/timeline`)).statusCode).toBe(401)
    expect(
      (await call('GET', `/v1/cases/${caseId}/timeline`, { token: 'ingest' })).statusCode,
    ).toBe(403)
  })

  it('says why a closed case has no decision', async () => {
    const paid = await call('POST', '/v1/events', {
      token: 'ingest',
      body: { type: 'payment_succeeded', invoice_id: 'inv-1', at: '2026-01-20T11:00:00Z' },
    })
    expect(paid.statusCode).toBe(201)
    const { evaluation, entries } = (
      await call('GET', `/v1/cases/${caseId}/timeline?at=${DAY_6}`, { token: 'read' })
    ).json()
    // The sms decided for day 6 (in the first test) comes after the payment closed the case.
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'event',
      'closed',
      'action',
    ])
    expect(evaluation.decision).toBeNull()
    expect(evaluation.note).toContain('closed (stopped)')
  })
})
