import { beforeEach, expect, it } from 'vitest'
import { describeOnDatabases } from '@dun/store/testing'
import { findInvoice, listMessages, markSending } from '@dun/store'
import { recordEvent, retryDeadLetter, type ServiceContext } from '@dun/service'
import { runDeliveryPass } from '../src/delivery/worker.js'
import { completeTask } from '../src/delivery/dead-letters.js'
import { depsFromConfig, readDeliveryEnv } from '../src/channels/config.js'
import {
  actionRow,
  addAction,
  resetLedger,
  seedCustomer,
  TEMPLATES,
  testDeps,
} from './delivery-fixtures.js'

const NOW = new Date('2026-02-01T10:00:00Z')
const email = (template: string) => ({ type: 'notify', channels: ['email'], template }) as const

describeOnDatabases('runner_delivery', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default', now: () => NOW })

  beforeEach(async () => {
    await resetLedger(db())
    await seedCustomer(
      ctx(),
      { id: 'c1', currency: 'EUR', language: 'de', email: 'c1@example.com', phone: '+4930123' },
      ['inv-1', 'inv-2'],
    )
  })

  it('merges a customer’s same-template emails into one message and marks every row sent with its id', async () => {
    const a = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: email('final-notice'),
    })
    const b = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: email('final-notice'),
    })
    const deps = testDeps()
    const summary = await runDeliveryPass(ctx(), NOW, deps)
    expect(summary).toMatchObject({ claimed: 2, sent: 2, failed: 0, dead: 0 })
    expect(deps.channels.email.sent).toHaveLength(1)
    const message = deps.channels.email.sent[0]!
    expect(message.invoiceIds).toEqual(['inv-1', 'inv-2'])
    // Intl puts a no-break space between amount and symbol in German.
    expect(message.content.subject).toBe('Letzte Mahnung: 256,90\u00a0€ überfällig')
    expect(message.content.text).toContain('- Rechnung inv-1: 123,45\u00a0€ offen')
    expect(message.content.text).toContain('- Rechnung inv-2: 133,45\u00a0€ offen')
    const rows = [await actionRow(db(), a), await actionRow(db(), b)]
    const ids = rows.map(
      (row) =>
        (row.provider_response as { channels: { email: { provider_id: string } } }).channels.email
          .provider_id,
    )
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent'])
    expect(ids[0]).toBe(ids[1])
    expect(await runDeliveryPass(ctx(), NOW, deps)).toMatchObject({ claimed: 0 })
  })

  it('retries a failing channel with backoff, then dead-letters it with the last error; a retried dead letter is delivered', async () => {
    const id = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: { type: 'notify', channels: ['sms'], template: 'card-reminder' },
    })
    const deps = testDeps()
    deps.channels.sms.failures = 3
    await runDeliveryPass(ctx(), NOW, deps)
    let row = await actionRow(db(), id)
    // attempt 1, base 60 s, no jitter at random 0.5: 30 s + 15 s
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    expect(row.next_attempt_at).toEqual(new Date(NOW.getTime() + 45_000))
    expect(row.detail).toMatch(/sms: provider answered 503 \(attempt 1 of 3\)/)

    expect(await runDeliveryPass(ctx(), new Date(NOW.getTime() + 44_000), deps)).toMatchObject({
      claimed: 0,
    })
    await runDeliveryPass(ctx(), new Date(NOW.getTime() + 45_000), deps)
    row = await actionRow(db(), id)
    expect(row.next_attempt_at).toEqual(new Date(NOW.getTime() + 45_000 + 90_000))
    await runDeliveryPass(ctx(), new Date(NOW.getTime() + 3_600_000), deps)
    row = await actionRow(db(), id)
    expect(row).toMatchObject({ status: 'dead', attempts: 3, next_attempt_at: null })
    expect(row.detail).toMatch(/provider answered 503 \(3 attempts failed\)/)
    expect(deps.channels.sms.sent).toHaveLength(0)

    await retryDeadLetter(ctx(), id)
    expect(await actionRow(db(), id)).toMatchObject({ status: 'pending', attempts: 0 })
    await runDeliveryPass(ctx(), new Date(NOW.getTime() + 3_700_000), deps)
    expect(await actionRow(db(), id)).toMatchObject({ status: 'sent' })
    expect(deps.channels.sms.sent[0]!.content.text).toBe(
      'Ihre Karte für Rechnung inv-1 (123,45\u00a0€) wurde abgelehnt. Bitte aktualisieren Sie sie in den Kontoeinstellungen.',
    )
    await expect(retryDeadLetter(ctx(), id)).rejects.toThrow(/not a dead letter or in review/)
  })

  it('surfaces an SMTP row caught mid-send for review after the lease and never resends it', async () => {
    const id = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: email('final-notice'),
    })
    await markSending(db(), 'default', [id], NOW)
    const deps = testDeps()
    expect(await runDeliveryPass(ctx(), new Date(NOW.getTime() + 60_000), deps)).toMatchObject({
      claimed: 0,
      review: 0,
    })
    expect(await runDeliveryPass(ctx(), new Date(NOW.getTime() + 6 * 60_000), deps)).toMatchObject({
      claimed: 0,
      review: 1,
    })
    const row = await actionRow(db(), id)
    expect(row.status).toBe('review')
    expect(row.detail).toMatch(/caught mid-send since 2026-02-01T10:00:00Z/)
    expect(deps.channels.email.sent).toHaveLength(0)
  })

  it('marks a non-idempotent row sending before the attempt', async () => {
    const id = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: email('final-notice'),
    })
    const seen: string[] = []
    const deps = testDeps()
    const email$ = deps.channels.email
    const original = email$.send.bind(email$)
    email$.send = async (message, c) => {
      seen.push((await actionRow(db(), id)).status)
      return original(message, c)
    }
    await runDeliveryPass(ctx(), NOW, deps)
    expect(seen).toEqual(['sending'])
    expect((await actionRow(db(), id)).status).toBe('sent')
  })

  it('never delivers skipped or cancelled rows, and skips a channel the customer opted out of since', async () => {
    await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: email('final-notice'),
      status: 'skipped',
    })
    await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: email('final-notice'),
      status: 'cancelled',
    })
    const smsRow = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: { type: 'notify', channels: ['sms'], template: 'card-reminder' },
      key: 'inv-2/sms',
    })
    await db()
      .updateTable('customers')
      .set({ facts: JSON.stringify({ ...(await customerFacts()), opted_out: ['sms'] }) })
      .execute()
    const deps = testDeps()
    expect(await runDeliveryPass(ctx(), NOW, deps)).toMatchObject({ claimed: 1, skipped: 1 })
    expect(await actionRow(db(), smsRow)).toMatchObject({
      status: 'skipped',
      detail: 'customer opted out of sms since the step was decided',
    })
    expect(deps.channels.email.sent).toHaveLength(0)
    expect(deps.channels.sms.sent).toHaveLength(0)
  })

  it('dead-letters a missing template at once, naming the template and the languages tried', async () => {
    const id = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: email('no-such-template'),
    })
    await runDeliveryPass(ctx(), NOW, testDeps())
    const row = await actionRow(db(), id)
    expect(row.status).toBe('dead')
    expect(row.detail).toMatch(/no template "no-such-template" for languages de, en/)
  })

  it('charges a payment retry once and records the result as an event keyed by the idempotency key', async () => {
    // Keys chosen so the simulated gateway (seed "test") declines the first and approves the second.
    const declined = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: { type: 'retry_payment', methods: 'default' },
      key: 'case-1/retry/6',
    })
    const approved = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: { type: 'retry_payment', methods: 'backup' },
      key: 'case-2/retry/1',
    })
    const deps = testDeps({ recordEvent })
    await runDeliveryPass(ctx(), NOW, deps)
    expect(await actionRow(db(), declined)).toMatchObject({
      status: 'sent',
      detail: 'declined: insufficient_funds (soft)',
      provider_response: { payment: { ok: false, event_key: 'case-1/retry/6/result' } },
    })
    expect(await actionRow(db(), approved)).toMatchObject({
      status: 'sent',
      provider_response: { payment: { ok: true, event_key: 'case-2/retry/1/result' } },
    })
    const events = await db()
      .selectFrom('payment_events')
      .select(['event_key', 'type'])
      .orderBy('event_key')
      .execute()
    expect(events).toEqual([
      { event_key: 'case-1/retry/6/result', type: 'payment_failed' },
      { event_key: 'case-2/retry/1/result', type: 'payment_succeeded' },
    ])
    expect(await findInvoice(db(), 'default', 'inv-1')).toMatchObject({
      attempts: 1,
      last_decline_code: 'insufficient_funds',
    })
    expect(await findInvoice(db(), 'default', 'inv-2')).toMatchObject({
      balance: 0,
      status: 'paid',
    })
  })

  it('keeps a trial’s messages in the capture outbox and in-app notices for the API', async () => {
    await addAction(db(), { customerId: 'c1', invoiceId: 'inv-1', action: email('final-notice') })
    await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: { type: 'notify', channels: ['in_app'], template: 'payouts-on-hold' },
    })
    const deps = depsFromConfig(readDeliveryEnv({ DUN_TEMPLATE_DIR: TEMPLATES }))
    expect(await runDeliveryPass(ctx(), NOW, deps)).toMatchObject({ sent: 2 })
    expect(await listMessages(db(), 'default', { transport: 'capture' })).toMatchObject([
      {
        channel: 'email',
        recipient: 'c1@example.com',
        subject: expect.stringMatching(/^Letzte Mahnung/),
      },
    ])
    expect(
      await listMessages(db(), 'default', { transport: 'in_app', customerId: 'c1' }),
    ).toMatchObject([
      { channel: 'in_app', invoice_ids: ['inv-2'], subject: 'Ihre Auszahlungen sind pausiert' },
    ])
  })

  it('opens calls and tasks for a person and sends account actions to billing', async () => {
    const call = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-1',
      action: { type: 'call', script: 'account-manager' },
    })
    const suspend = await addAction(db(), {
      customerId: 'c1',
      invoiceId: 'inv-2',
      action: { type: 'account', operation: 'suspend_subscription' },
    })
    const deps = testDeps()
    expect(await runDeliveryPass(ctx(), NOW, deps)).toMatchObject({ awaitingPerson: 1, sent: 1 })
    expect(deps.billing).toMatchObject({
      events: expect.arrayContaining([
        expect.objectContaining({ type: 'task.opened', description: 'call "account-manager"' }),
        expect.objectContaining({ type: 'dunning.account', description: 'suspend subscription' }),
      ]),
    })
    expect(await actionRow(db(), suspend)).toMatchObject({ status: 'sent' })
    expect(await actionRow(db(), call)).toMatchObject({
      status: 'awaiting_person',
      completed_at: null,
    })
    await completeTask(ctx(), call, 'promised to pay Friday')
    expect(await actionRow(db(), call)).toMatchObject({
      status: 'sent',
      detail: 'promised to pay Friday',
    })
  })

  it('lets concurrent workers deliver each row exactly once', async () => {
    for (let i = 0; i < 30; i++) {
      await addAction(db(), {
        customerId: 'c1',
        invoiceId: i % 2 === 0 ? 'inv-1' : 'inv-2',
        action: { type: 'notify', channels: ['webhook'], template: 'final-notice' },
        key: `k-${i}`,
      })
    }
    const deps = testDeps({ batchSize: 4 })
    const summaries = await Promise.all([0, 1, 2].map(() => runDeliveryPass(ctx(), NOW, deps)))
    expect(summaries.reduce((sum, s) => sum + s.sent, 0)).toBe(30)
    const keys = deps.channels.webhook.sent.map((m) => m.idempotencyKey).sort()
    expect(keys).toEqual([...new Set(keys)])
    expect(keys).toHaveLength(30)
  })

  async function customerFacts() {
    const row = await db().selectFrom('customers').select('facts').executeTakeFirstOrThrow()
    return row.facts
  }
})
