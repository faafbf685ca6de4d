import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeOnDatabases } from '@dun/store/testing'
import { openApi, type ApiHarness } from './api-fixtures.js'

const policy = readFileSync(new URL('../../../examples/saas-cards.dun', import.meta.url), 'utf8')

const customer = { id: 'cus_1', currency: 'USD', plan: 'pro', timezone: 'Europe/Paris' }
const invoice = (id: string, customerId = 'cus_1') => ({
  id,
  customer_id: customerId,
  amount_due: 12_000,
  balance: 12_000,
  currency: 'USD',
  issued_at: '2026-01-01T00:00:00Z',
  due_at: '2026-01-15T00:00:00Z',
})

describeOnDatabases('runner_api', (db) => {
  let api: ApiHarness
  beforeAll(async () => {
    api = await openApi(db(), '2026-01-20T12:00:00Z')
  })
  afterAll(async () => {
    await api?.app.close()
  })
  const call: ApiHarness['call'] = (...args) => api.call(...args)

  it('answers health, readiness, metrics and the OpenAPI document without a token', async () => {
    expect((await call('GET', '/healthz')).json()).toEqual({ status: 'ok' })
    expect((await call('GET', '/readyz')).json()).toEqual({ status: 'ready' })
    const metrics = await call('GET', '/metrics')
    expect(metrics.statusCode).toBe(200)
    expect(metrics.body).toContain('# TYPE dun_cases gauge')
    const doc = (await call('GET', '/openapi.json')).json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/customers', '/v1/invoices/batch', '/v1/events', '/v1/actions']),
    )
    expect(doc.paths['/v1/customers'].post.requestBody).toBeDefined()
  })

  it('refuses a missing or unknown token with 401 and a token without the scope with 403', async () => {
    const none = await call('POST', '/v1/customers', { body: customer })
    expect(none.statusCode).toBe(401)
    expect(none.headers['www-authenticate']).toBe('Bearer')
    expect(none.json().error.code).toBe('unauthenticated')
    const forged = await api.app.inject({
      method: 'GET',
      url: '/v1/actions',
      headers: { authorization: 'Bearer dun_forged' },
    })
    expect(forged.statusCode).toBe(401)
    const wrongScope = await call('POST', '/v1/customers', { token: 'read', body: customer })
    expect(wrongScope.statusCode).toBe(403)
    expect(wrongScope.json().error.message).toContain('"ingest" scope')
  })

  it('upserts a customer, and names the field of a wrong type or an unknown field', async () => {
    expect(
      (await call('POST', '/v1/customers', { token: 'ingest', body: customer })).json(),
    ).toEqual({
      upserted: 1,
    })
    const unknown = await call('POST', '/v1/customers', {
      token: 'ingest',
      body: { ...customer, plann: 'pro' },
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error).toMatchObject({ code: 'invalid_input', field: 'body.plann' })
    const wrongType = await call('POST', '/v1/customers/batch', {
      token: 'ingest',
      body: { customers: [customer, { ...customer, id: 'cus_2', arr: 'lots' }] },
    })
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().error.field).toBe('body.customers[1].arr')
    const malformed = await call('POST', '/v1/customers', {
      token: 'ingest',
      raw: '{"id": "cus_3",',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error).toMatchObject({ code: 'malformed_json', field: 'body' })
    const stored = await db().selectFrom('customers').select('id').execute()
    expect(stored.map((row) => row.id)).toEqual(['cus_1'])
  })

  it('applies an invoice batch all or nothing', async () => {
    const refused = await call('POST', '/v1/invoices/batch', {
      token: 'ingest',
      body: { invoices: [invoice('in_1'), invoice('in_2', 'cus_missing')] },
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toMatchObject({
      field: 'invoices[1].customer_id',
      hint: 'upsert the customer before its invoices',
    })
    expect(await db().selectFrom('invoices').select('id').execute()).toEqual([])
    const accepted = await call('POST', '/v1/invoices/batch', {
      token: 'ingest',
      body: { invoices: [invoice('in_1'), invoice('in_2')] },
    })
    expect(accepted.json()).toEqual({ upserted: 2 })
  })

  it('records an event once, and says so when it is sent again', async () => {
    const event = {
      type: 'payment_failed',
      invoice_id: 'in_1',
      at: '2026-01-16T10:00:00Z',
      decline_code: 'insufficient_funds',
      decline_class: 'soft',
      event_key: 'evt_1',
    }
    const first = await call('POST', '/v1/events', { token: 'ingest', body: event })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ applied: true, duplicate: false, customer_id: 'cus_1' })
    // No policy is published yet: the customer is re-evaluated, and nothing is decided.
    expect(first.json().decisions).toEqual([])
    const again = await call('POST', '/v1/events', { token: 'ingest', body: event })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ applied: false, duplicate: true, event_key: 'evt_1' })
    const stored = await db()
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', 'in_1')
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ attempts: 1, last_decline_class: 'soft' })
    const badClass = await call('POST', '/v1/events', {
      token: 'ingest',
      body: { ...event, event_key: 'evt_2', decline_class: 'medium' },
    })
    expect(badClass.json().error.field).toBe('body.decline_class')
    const unknownInvoice = await call('POST', '/v1/events', {
      token: 'ingest',
      body: { ...event, event_key: 'evt_3', invoice_id: 'in_nope' },
    })
    expect(unknownInvoice.statusCode).toBe(404)
  })

  it('publishes a policy version, and refuses one with errors as 422 with the line', async () => {
    const published = await call('POST', '/v1/policies/versions', {
      token: 'publish',
      body: { source: policy, comment: 'first' },
    })
    expect(published.statusCode).toBe(201)
    expect(published.json()).toMatchObject({ number: 1, state: 'published' })
    const broken = await call('POST', '/v1/policies/versions', {
      token: 'publish',
      body: { source: 'policy "x" { segment a { day 1 emial "t" } }' },
    })
    expect(broken.statusCode).toBe(422)
    expect(broken.json().error).toMatchObject({ code: 'invalid_policy', field: 'source' })
    const approveDraft = await call(
      'POST',
      `/v1/policies/versions/${published.json().version_id}/approve`,
      {
        token: 'publish',
        body: {},
      },
    )
    expect(approveDraft.statusCode).toBe(409)
  })

  it('lists pending actions, cancels one once, and shows it in the case timeline', async () => {
    const version = await db().selectFrom('policy_versions').select('id').executeTakeFirstOrThrow()
    const opened = await db()
      .insertInto('dunning_cases')
      .values({
        workspace_id: 'default',
        invoice_id: 'in_2',
        customer_id: 'cus_1',
        policy_version_id: version.id,
        state: 'active',
        opened_at: '2026-01-15T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const action = await db()
      .insertInto('dunning_actions')
      .values({
        workspace_id: 'default',
        case_id: opened.id,
        customer_id: 'cus_1',
        invoice_id: 'in_2',
        step_id: 'everyone/email/final-notice',
        action: JSON.stringify({ type: 'notify', channels: ['email'], template: 'final-notice' }),
        action_type: 'notify',
        status: 'pending',
        idempotency_key: `${opened.id}/everyone/email/final-notice`,
        scheduled_at: '2026-01-22T08:00:00Z',
        decided_at: '2026-01-22T08:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const pending = await call('GET', '/v1/actions?customer_id=cus_1', { token: 'read' })
    expect(pending.json().actions.map((a: { id: string }) => a.id)).toEqual([action.id])
    expect(
      (await call('GET', '/v1/actions?status=lost', { token: 'read' })).json().error.field,
    ).toBe('querystring.status')

    const asReader = await call('POST', `/v1/actions/${action.id}/cancel`, {
      token: 'read',
      body: { reason: 'customer called' },
    })
    expect(asReader.statusCode).toBe(403)
    const cancelled = await call('POST', `/v1/actions/${action.id}/cancel`, {
      token: 'admin',
      body: { reason: 'customer called' },
    })
    expect(cancelled.json().action).toMatchObject({
      status: 'cancelled',
      detail: 'cancelled by ops: customer called',
    })
    const twice = await call('POST', `/v1/actions/${action.id}/cancel`, {
      token: 'admin',
      body: { reason: 'again' },
    })
    expect(twice.statusCode).toBe(409)
    expect((await call('GET', '/v1/actions', { token: 'read' })).json().actions).toEqual([])

    const timeline = (
      await call('GET', `/v1/cases/${opened.id}/timeline`, { token: 'read' })
    ).json()
    expect(timeline.entries.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'action'])
    expect(timeline.entries[1].action.status).toBe('cancelled')
    expect((await call('GET', '/v1/cases/nope/timeline', { token: 'read' })).statusCode).toBe(404)
  })

  it('re-evaluates the customer at once when an event arrives under a published policy', async () => {
    const response = await call('POST', '/v1/events', {
      token: 'ingest',
      body: {
        type: 'payment_failed',
        invoice_id: 'in_1',
        at: '2026-01-20T11:00:00Z',
        decline_code: 'card_declined',
        decline_class: 'soft',
      },
    })
    expect(response.statusCode).toBe(201)
    const decisions = response.json().decisions as { case_id: string; invoiceId: string }[]
    expect(decisions.map((d) => d.invoiceId).sort()).toEqual(['in_1', 'in_2'])
    const cases = (await call('GET', '/v1/customers/cus_1/cases', { token: 'read' })).json().cases
    expect(cases.map((c: { id: string }) => c.id).sort()).toEqual(
      decisions.map((d) => d.case_id).sort(),
    )
  })

  it('answers an unknown route with the same error body', async () => {
    const missing = await call('GET', '/v1/nothing', { token: 'read' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('not_found')
  })
})
