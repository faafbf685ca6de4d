import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { describeOnDatabases } from '@dun/store/testing'
import { storeMessages } from '@dun/store'
import { actionRow, addAction, resetLedger, seedCustomer } from './delivery-fixtures.js'
import { auditOf, openApi, type ApiHarness } from './api-fixtures.js'

const NOW = '2026-02-03T10:00:00Z'
const customer = (id: string) => ({ id, currency: 'EUR', timezone: 'Europe/Berlin' })

describeOnDatabases('runner_api_ledger', (db) => {
  let api: ApiHarness
  beforeAll(async () => {
    api = await openApi(db(), NOW)
  })
  afterAll(async () => {
    await api?.app.close()
  })
  beforeEach(async () => {
    await resetLedger(db())
    await seedCustomer(api.ctx, customer('c1'), ['inv-1', 'inv-2', 'inv-3'])
    await seedCustomer(api.ctx, customer('c2'), ['inv-4'])
  })
  const call: ApiHarness['call'] = (...args) => api.call(...args)

  it('lists the new routes in the OpenAPI document', async () => {
    const paths = Object.keys((await call('GET', '/openapi.json')).json().paths)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/actions/{id}/retry',
        '/v1/tasks',
        '/v1/tasks/{id}/complete',
        '/v1/customers/{id}/notices',
        '/v1/outbox',
      ]),
    )
  })

  it('sends a dead letter back to the outbox once, audited, for the operate scope', async () => {
    const email = { type: 'notify', channels: ['email'], template: 'final-notice' } as const
    const dead = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: email,
      status: 'dead',
    })
    const listed = await call('GET', '/v1/actions?status=dead', { token: 'read' })
    expect(listed.json().actions.map((a: { id: string }) => a.id)).toEqual([dead])

    expect((await call('POST', `/v1/actions/${dead}/retry`)).statusCode).toBe(401)
    const asReader = await call('POST', `/v1/actions/${dead}/retry`, { token: 'read' })
    expect(asReader.statusCode).toBe(403)
    expect(asReader.json().error.message).toContain('"operate" scope')
    expect((await actionRow(db(), dead)).status).toBe('dead')

    const retried = await call('POST', `/v1/actions/${dead}/retry`, { token: 'operate' })
    expect(retried.statusCode).toBe(200)
    expect(retried.json().action).toMatchObject({ id: dead, status: 'pending', attempts: 0 })
    expect(await auditOf(db(), dead)).toMatchObject([
      {
        actor: 'ops',
        action: 'action.retried',
        details: { step: 'everyone/notify/inv-1', invoice: 'inv-1', from: 'dead' },
      },
    ])

    const again = await call('POST', `/v1/actions/${dead}/retry`, { token: 'operate' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({ code: 'conflict', hint: expect.any(String) })
    expect(await auditOf(db(), dead)).toHaveLength(1)
  })

  it('retries an action surfaced for review, with an admin token too', async () => {
    const review = await addAction(db(), {
      customerId: 'c2',
      invoiceId: 'inv-4',
      action: { type: 'notify', channels: ['email'], template: 'payment-failed' },
      status: 'review',
    })
    const listed = await call('GET', '/v1/actions?status=review', { token: 'read' })
    expect(listed.json().actions.map((a: { id: string }) => a.id)).toEqual([review])
    const retried = await call('POST', `/v1/actions/${review}/retry`, { token: 'admin' })
    expect(retried.json().action.status).toBe('pending')
  })

  it('answers 404 for an unknown or malformed action id, and 409 for a pending one', async () => {
    const malformed = await call('POST', '/v1/actions/nope/retry', { token: 'operate' })
    expect(malformed.statusCode).toBe(404)
    expect(malformed.json().error).toMatchObject({ code: 'not_found', field: 'actionId' })
    const unknown = await call('POST', '/v1/actions/00000000-0000-4000-8000-000000000000/retry', {
      token: 'operate',
    })
    expect(unknown.statusCode).toBe(404)
    const pending = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: { type: 'retry_payment', methods: 'default' },
    })
    expect(
      (await call('POST', `/v1/actions/${pending}/retry`, { token: 'operate' })).statusCode,
    ).toBe(409)
    expect(await actionRow(db(), pending)).toMatchObject({ status: 'pending' })
    expect(await auditOf(db(), pending)).toEqual([])
  })

  it('lists calls and tasks awaiting a person, by assignee role', async () => {
    const call_ = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: { type: 'call', script: 'account-manager' },
      status: 'awaiting_person',
      decidedAt: '2026-02-01T09:00:00Z',
    })
    const task = await addAction(db(), {
      customerId: 'c2',
      invoiceId: 'inv-4',
      action: { type: 'task', title: 'Review credit', assignee: 'credit-control' },
      status: 'awaiting_person',
      decidedAt: '2026-02-02T09:00:00Z',
    })
    const other = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-3',
      action: { type: 'task', title: 'Call about the renewal', assignee: 'customer-success' },
      status: 'awaiting_person',
      decidedAt: '2026-02-03T09:00:00Z',
    })
    // A task already done is no longer in the inbox.
    await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: { type: 'task', title: 'Done already', assignee: 'credit-control' },
      status: 'sent',
    })
    const ids = async (query: string) =>
      (await call('GET', `/v1/tasks${query}`, { token: 'read' }))
        .json()
        .tasks.map((t: { id: string }) => t.id)
    expect(await ids('')).toEqual([call_, task, other])
    expect(await ids('?assignee=credit-control')).toEqual([task])
    expect(await ids('?customer_id=c1')).toEqual([call_, other])
    expect(await ids('?limit=1')).toEqual([call_])
    expect(await ids('?assignee=nobody')).toEqual([])

    const badLimit = await call('GET', '/v1/tasks?limit=0', { token: 'read' })
    expect(badLimit.statusCode).toBe(400)
    expect(badLimit.json().error.field).toBe('querystring.limit')
    const unknown = await call('GET', '/v1/tasks?role=x', { token: 'read' })
    expect(unknown.json().error).toMatchObject({ field: 'querystring.role' })
    expect((await call('GET', '/v1/tasks')).statusCode).toBe(401)
    expect((await call('GET', '/v1/tasks', { token: 'ingest' })).statusCode).toBe(403)
  })

  it('completes a task once with a note, audited; bad input changes nothing', async () => {
    const task = await addAction(db(), {
      customerId: 'c2',
      invoiceId: 'inv-4',
      action: { type: 'task', title: 'Review credit', assignee: 'credit-control' },
      status: 'awaiting_person',
    })
    const url = `/v1/tasks/${task}/complete`
    expect((await call('POST', url, { token: 'read', body: { note: 'x' } })).statusCode).toBe(403)
    const misspelt = await call('POST', url, { token: 'operate', body: { notes: 'x' } })
    expect(misspelt.statusCode).toBe(400)
    expect(misspelt.json().error).toMatchObject({ code: 'invalid_input', field: 'body.notes' })
    const wrongType = await call('POST', url, { token: 'operate', body: { note: 42 } })
    expect(wrongType.json().error.field).toBe('body.note')
    expect((await actionRow(db(), task)).status).toBe('awaiting_person')
    expect(await auditOf(db(), task)).toEqual([])

    const done = await call('POST', url, {
      token: 'operate',
      body: { note: 'agreed a plan over the phone' },
    })
    expect(done.statusCode).toBe(200)
    expect(done.json().task).toMatchObject({
      status: 'sent',
      detail: 'agreed a plan over the phone',
      completed_at: NOW.replace('Z', '.000Z'),
    })
    expect(await auditOf(db(), task)).toMatchObject([
      {
        actor: 'ops',
        action: 'task.completed',
        details: { from: 'awaiting_person', note: 'agreed a plan over the phone' },
      },
    ])
    const twice = await call('POST', url, { token: 'operate', body: {} })
    expect(twice.statusCode).toBe(409)
    expect(await auditOf(db(), task)).toHaveLength(1)
    expect((await call('GET', '/v1/tasks', { token: 'read' })).json().tasks).toEqual([])
  })

  it('refuses to complete an action that is not awaiting a person', async () => {
    const email = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: { type: 'notify', channels: ['email'], template: 'final-notice' },
    })
    const refused = await call('POST', `/v1/tasks/${email}/complete`, {
      token: 'operate',
      body: { note: 'x' },
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.message).toContain('not a call or task awaiting a person')
    expect(await actionRow(db(), email)).toMatchObject({ status: 'pending', detail: null })
    const missing = await call('POST', '/v1/tasks/nope/complete', { token: 'operate', body: {} })
    expect(missing.statusCode).toBe(404)
  })

  it("shows a customer's in-app notices and the trial's capture outbox, newest first", async () => {
    const message = (key: string, transport: 'in_app' | 'capture', customerId: string) => ({
      created_at: `2026-02-0${key.slice(1)}T08:00:00Z`,
      workspace_id: 'default',
      idempotency_key: key,
      transport,
      channel: transport === 'in_app' ? 'in_app' : 'email',
      customer_id: customerId,
      invoice_ids: ['inv-1'],
      recipient: transport === 'in_app' ? null : `${customerId}@example.com`,
      subject: `subject ${key}`,
      body: `body ${key}`,
    })
    await storeMessages(db(), [
      message('k1', 'in_app', 'c1'),
      message('k2', 'capture', 'c1'),
      message('k3', 'in_app', 'c2'),
      message('k4', 'in_app', 'c1'),
      message('k5', 'capture', 'c2'),
    ])

    const keys = (rows: { idempotency_key: string }[]) => rows.map((r) => r.idempotency_key)
    const notices = await call('GET', '/v1/customers/c1/notices', { token: 'read' })
    expect(notices.statusCode).toBe(200)
    expect(keys(notices.json().notices)).toEqual(['k4', 'k1'])
    expect(notices.json().notices[0]).toMatchObject({ subject: 'subject k4', body: 'body k4' })
    expect(
      keys(
        (await call('GET', '/v1/customers/c1/notices?limit=1', { token: 'read' })).json().notices,
      ),
    ).toEqual(['k4'])
    const unknown = await call('GET', '/v1/customers/nobody/notices', { token: 'read' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toMatchObject({ code: 'not_found', field: 'customerId' })

    const outbox = await call('GET', '/v1/outbox', { token: 'read' })
    expect(keys(outbox.json().messages)).toEqual(['k5', 'k2'])
    expect(
      keys((await call('GET', '/v1/outbox?customer_id=c1', { token: 'read' })).json().messages),
    ).toEqual(['k2'])
    expect((await call('GET', '/v1/outbox?limit=abc', { token: 'read' })).json().error.field).toBe(
      'querystring.limit',
    )
    expect((await call('GET', '/v1/outbox')).statusCode).toBe(401)
    expect((await call('GET', '/v1/customers/c1/notices', { token: 'ingest' })).statusCode).toBe(
      403,
    )
  })
})
