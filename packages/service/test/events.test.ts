import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import { findCustomers, findInvoice } from '@dun/store'
import { recordEvent, upsertCustomers, upsertInvoices, type ServiceContext } from '../src/index.js'

describeOnDatabases('service_events', (db) => {
  const ctx = (): ServiceContext => ({
    db: db(),
    workspace: 'default',
    now: () => new Date('2026-03-01T10:00:00Z'),
  })

  beforeEach(async () => {
    await sql`truncate customers, invoices, payment_events, customer_schedule cascade`.execute(db())
    await upsertCustomers(ctx(), [{ id: 'c1', currency: 'USD', timezone: 'Europe/Berlin' }])
    await upsertInvoices(ctx(), [
      {
        id: 'inv-1',
        customer_id: 'c1',
        amount_due: 10_000,
        balance: 10_000,
        currency: 'USD',
        issued_at: '2026-02-01T00:00:00Z',
        due_at: '2026-02-15T00:00:00Z',
      },
    ])
  })

  it('applies a decline, then a partial and a final payment, each once', async () => {
    const failed = {
      type: 'payment_failed',
      invoice_id: 'inv-1',
      at: '2026-02-16T09:00:00Z',
      decline_code: 'insufficient_funds',
      decline_class: 'soft',
      event_key: 'evt-1',
    }
    expect(await recordEvent(ctx(), failed)).toMatchObject({ applied: true, customerId: 'c1' })
    expect(await recordEvent(ctx(), failed)).toMatchObject({ applied: false })
    let invoice = await findInvoice(db(), 'default', 'inv-1')
    expect(invoice).toMatchObject({
      attempts: 1,
      last_decline_class: 'soft',
      first_failed_at: new Date('2026-02-16T09:00:00Z'),
    })

    await recordEvent(ctx(), {
      type: 'payment_succeeded',
      invoice_id: 'inv-1',
      at: '2026-02-20T09:00:00Z',
      amount: 4_000,
    })
    invoice = await findInvoice(db(), 'default', 'inv-1')
    expect(invoice).toMatchObject({ balance: 6_000, status: 'open' })
    await recordEvent(ctx(), {
      type: 'payment_succeeded',
      invoice_id: 'inv-1',
      at: '2026-02-21T09:00:00Z',
    })
    invoice = await findInvoice(db(), 'default', 'inv-1')
    expect(invoice).toMatchObject({ balance: 0, status: 'paid' })

    const schedule = await db()
      .selectFrom('customer_schedule')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(schedule.next_action_at).toEqual(new Date('2026-03-01T10:00:00Z'))
  })

  it('recognises a re-sent event without a key by its content', async () => {
    const dispute = { type: 'dispute_opened', invoice_id: 'inv-1', at: '2026-02-16T09:00:00Z' }
    expect(await recordEvent(ctx(), dispute)).toMatchObject({ applied: true })
    expect(await recordEvent(ctx(), { ...dispute })).toMatchObject({ applied: false })
    expect(await findInvoice(db(), 'default', 'inv-1')).toMatchObject({ disputed: true })
  })

  it('records a promise to pay on the customer', async () => {
    await recordEvent(ctx(), {
      type: 'promise_to_pay',
      invoice_id: 'inv-1',
      at: '2026-02-16T09:00:00Z',
      until: '2026-02-28T00:00:00Z',
    })
    const [customer] = await findCustomers(db(), 'default', ['c1'])
    expect(customer?.facts.promise_to_pay_until).toBe(Date.parse('2026-02-28T00:00:00Z'))
  })

  it('names the wrong field and applies nothing on bad input', async () => {
    await expect(
      recordEvent(ctx(), {
        type: 'payment_failed',
        invoice_id: 'inv-1',
        at: '2026-02-16T09:00:00Z',
        decline_code: 'x',
        decline_class: 'medium',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: { field: 'event.decline_class' },
    })
    await expect(
      recordEvent(ctx(), {
        type: 'dispute_opened',
        invoice_id: 'nope',
        at: '2026-02-16T09:00:00Z',
      }),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
    const count = await db()
      .selectFrom('payment_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })
})
