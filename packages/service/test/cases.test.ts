import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { prepare, type CustomerCaseFacts } from '@dun/engine'
import { compile } from '@dun/dsl'
import { describeOnDatabases } from '@dun/store/testing'
import {
  evaluateCustomers,
  requestPublish,
  runSchedulerPass,
  saveVersion,
  upsertCustomers,
  upsertInvoices,
  type Actor,
  type ServiceContext,
} from '../src/index.js'

const admin: Actor = { username: 'ada', role: 'admin' }

const policy = (name: string, capMessages = 2) => `policy "${name}" {
  currencies USD
  anchor due
  limits {
    at most ${capMessages} messages per 7 days
  }
  stop when invoice.balance <= 0
  segment everyone {
    day 0 email "due-today"
    day 0 task "check the account" for "ops"
    day 0 retry payment
    day 3 sms "reminder"
    day 7 email "final-notice"
    day 9 write off
  }
}`

const DUE = '2026-03-02T00:00:00Z'
const at = (iso: string) => new Date(iso)
const day0 = at('2026-03-02T12:00:00Z')

function invoice(id: string, customer: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    customer_id: customer,
    amount_due: 5000,
    balance: 5000,
    currency: 'USD',
    issued_at: '2026-02-20T00:00:00Z',
    due_at: DUE,
    ...overrides,
  }
}

describeOnDatabases('service_cases', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default', now: () => day0 })

  async function publish(source: string): Promise<string> {
    const version = await saveVersion(ctx(), admin, { source })
    await requestPublish(ctx(), admin, version.id)
    return version.id
  }

  async function seed(customers: string[], invoices: ReturnType<typeof invoice>[]) {
    await upsertCustomers(
      ctx(),
      customers.map((id) => ({ id, currency: 'USD', timezone: 'UTC' })),
    )
    await upsertInvoices(ctx(), invoices)
  }

  const ledger = () =>
    db()
      .selectFrom('dunning_actions')
      .select([
        'invoice_id',
        'step_id',
        'action_type',
        'status',
        'idempotency_key',
        'case_id',
        'detail',
      ])
      .orderBy('invoice_id')
      .orderBy('step_id')
      .execute()

  const schedule = async (customer: string) =>
    (
      await db()
        .selectFrom('customer_schedule')
        .select('next_action_at')
        .where('customer_id', '=', customer)
        .executeTakeFirstOrThrow()
    ).next_action_at

  beforeEach(async () => {
    await sql`truncate dunning_actions, dunning_cases, customer_schedule, invoices, customers,
      approvals, policy_versions, policies, audit_log, workspace_settings cascade`.execute(db())
  })

  it('opens a case under the live version and writes exactly what the engine decides', async () => {
    const versionId = await publish(policy('p'))
    await seed(['c1'], [invoice('i1', 'c1')])
    const summary = await runSchedulerPass(ctx(), day0)
    expect(summary).toMatchObject({ customers: 1, casesOpened: 1, casesEvaluated: 1 })
    expect(summary.actionsDecided).toEqual({ notify: 1, task: 1, retry_payment: 1 })

    const engine = prepare(compile(policy('p')).compiled!)
    const facts: CustomerCaseFacts = {
      customer: {
        id: 'c1',
        plan: '',
        arr: 0,
        currency: 'USD',
        country: '',
        timezone: 'UTC',
        language: 'en',
        tags: [],
        opted_out: [],
        promise_to_pay_until: null,
        created_at: null,
      },
      history: {
        late_payments_12m: 0,
        avg_days_late_12m: 0,
        failed_payments_12m: 0,
        lifetime_value: 0,
      },
      account: null,
      contacts: [],
      cases: [
        {
          invoice: {
            id: 'i1',
            amount_due: 5000,
            balance: 5000,
            currency: 'USD',
            issued_at: Date.parse('2026-02-20T00:00:00Z'),
            due_at: Date.parse(DUE),
            status: 'open',
            disputed: false,
            attempts: 0,
            last_decline_code: null,
            last_decline_class: null,
            first_failed_at: null,
            subscription_id: null,
          },
          dunning: { steps_done: [], retries: [] },
        },
      ],
    }
    const [decision] = engine.evaluateCustomer(facts, day0.getTime())
    const rows = await ledger()
    expect(rows.map((r) => r.step_id).sort()).toEqual(decision!.due.map((d) => d.stepId).sort())
    const [kase] = await db().selectFrom('dunning_cases').selectAll().execute()
    expect(kase).toMatchObject({
      policy_version_id: versionId,
      state: 'active',
      segment: 'everyone',
      closed_at: null,
    })
    expect(kase!.steps_done.sort()).toEqual(decision!.due.map((d) => d.stepId).sort())
    expect(kase!.retries.map((d) => d.getTime())).toEqual([day0.getTime()])
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'pending',
        idempotency_key: `${kase!.id}/${row.step_id}`,
      })
    }
    expect((await schedule('c1'))?.getTime()).toBe(decision!.nextWakeAt)
  })

  it('decides nothing twice: a second pass at the same instant finds no one due', async () => {
    await publish(policy('p'))
    await seed(['c1'], [invoice('i1', 'c1')])
    await runSchedulerPass(ctx(), day0)
    const again = await runSchedulerPass(ctx(), day0)
    expect(again.customers).toBe(0)
    const forced = await evaluateCustomers(ctx(), ['c1'], day0)
    expect(forced).toMatchObject({
      customers: 1,
      casesOpened: 0,
      actionsSkipped: 0,
      actionsDecided: {},
    })
    expect(await ledger()).toHaveLength(3)
  })

  it('claims in batches until no customer is due', async () => {
    await publish(policy('p'))
    const ids = Array.from({ length: 7 }, (_, i) => `c${i}`)
    await seed(
      ids,
      ids.map((c) => invoice(`inv-${c}`, c)),
    )
    const batches: number[] = []
    const summary = await runSchedulerPass(ctx(), day0, {
      batchSize: 3,
      onBatch: (batch) => batches.push(batch.customers),
    })
    // Two claim loops share the pass: batch order depends on which commits first.
    expect(batches.sort()).toEqual([1, 3, 3])
    expect(summary).toMatchObject({ batches: 3, customers: 7, casesOpened: 7 })
    expect(await ledger()).toHaveLength(21)
  })

  it('closes a settled case as stopped, and a case in a currency the policy lacks as rejected with its problem', async () => {
    await publish(policy('p'))
    await seed(['c1'], [invoice('i1', 'c1'), invoice('i2', 'c1', { currency: 'EUR' })])
    await runSchedulerPass(ctx(), day0)
    await upsertInvoices(ctx(), [invoice('i1', 'c1', { balance: 0, status: 'paid' })])
    const later = at('2026-03-03T12:00:00Z')
    await runSchedulerPass(ctx(), later)
    const cases = await db().selectFrom('dunning_cases').selectAll().orderBy('invoice_id').execute()
    expect(cases.map((c) => [c.invoice_id, c.state, c.closed_at?.getTime() ?? null])).toEqual([
      ['i1', 'stopped', later.getTime()],
      ['i2', 'rejected', day0.getTime()],
    ])
    expect(cases[1]!.problem).toMatchObject({ code: 'currency_not_in_policy' })
    expect(await schedule('c1')).toBeNull()
    // A closed case is never reopened: the invoice had its dunning.
    await runSchedulerPass(ctx(), at('2026-03-04T12:00:00Z'))
    expect(await db().selectFrom('dunning_cases').select('id').execute()).toHaveLength(2)
  })

  it('counts pending decisions against the caps', async () => {
    await publish(policy('p', 1))
    await seed(['c1'], [invoice('i1', 'c1')])
    await runSchedulerPass(ctx(), day0)
    // A second overdue invoice arrives the same day: its email would be a second message.
    await upsertInvoices(ctx(), [invoice('i2', 'c1')])
    const summary = await runSchedulerPass(ctx(), at('2026-03-02T13:00:00Z'))
    expect(summary.actionsDecided).toEqual({ task: 1, retry_payment: 1 })
    expect(
      (await ledger())
        .filter((r) => r.invoice_id === 'i2')
        .map((r) => r.action_type)
        .sort(),
    ).toEqual(['retry_payment', 'task'])
  })

  it('records a skipped step as skipped, with its reason, and never as a contact', async () => {
    await publish(policy('p', 1))
    await upsertCustomers(ctx(), [{ id: 'c1', currency: 'USD', opted_out: ['email'] }])
    await upsertInvoices(ctx(), [invoice('i1', 'c1')])
    const summary = await runSchedulerPass(ctx(), day0)
    expect(summary.actionsSkipped).toBe(1)
    const email = (await ledger()).find((r) => r.action_type === 'notify')
    expect(email).toMatchObject({ status: 'skipped', step_id: 'everyone/notify:email:due-today#1' })
    expect(email?.detail).toMatch(/^opted_out: /)
    // The cap of one message is still free for the day-3 SMS.
    await runSchedulerPass(ctx(), at('2026-03-05T12:00:00Z'))
    expect(
      (await ledger()).filter((r) => r.status === 'pending' && r.action_type === 'notify'),
    ).toHaveLength(1)
  })

  it('decides the rest of a batch when one customer cannot be evaluated, and postpones that one', async () => {
    await publish(policy('p'))
    await seed(
      ['c1', 'c2', 'c3'],
      ['c1', 'c2', 'c3'].map((c) => invoice(`i-${c}`, c)),
    )
    // Stored facts are trusted; a zone that no longer exists breaks this customer alone.
    await sql`update customers set facts = jsonb_set(facts, '{timezone}', '"Mars/Olympus"') where id = 'c2'`.execute(
      db(),
    )
    const summary = await runSchedulerPass(ctx(), day0)
    expect(summary.failures).toEqual([
      {
        customerId: 'c2',
        message: expect.stringMatching(/Mars\/Olympus/),
        retryAt: new Date(day0.getTime() + 15 * 60_000),
      },
    ])
    expect(summary.casesOpened).toBe(2)
    expect(new Set((await ledger()).map((r) => r.invoice_id))).toEqual(new Set(['i-c1', 'i-c3']))
    expect(await schedule('c2')).toEqual(new Date(day0.getTime() + 15 * 60_000))
  })

  it('does nothing without a published policy, and starts once one is live', async () => {
    await seed(['c1'], [invoice('i1', 'c1')])
    const idle = await runSchedulerPass(ctx(), day0)
    expect(idle).toMatchObject({ customers: 1, casesOpened: 0 })
    expect(await schedule('c1')).toBeNull()
    await publish(policy('p'))
    const started = await evaluateCustomers(ctx(), ['c1'], day0)
    expect(started.casesOpened).toBe(1)
  })

  it('keeps open cases on their pinned version; new invoices start under the new live version', async () => {
    const v1 = await publish(policy('p'))
    await seed(['c1'], [invoice('i1', 'c1')])
    await runSchedulerPass(ctx(), day0)
    const v2 = await publish(policy('p', 3).replace('"reminder"', '"reminder-v2"'))
    await upsertInvoices(ctx(), [invoice('i2', 'c1', { due_at: '2026-03-03T00:00:00Z' })])
    const summary = await evaluateCustomers(ctx(), ['c1'], at('2026-03-05T12:00:00Z'), {
      decisions: true,
    })
    const cases = await db()
      .selectFrom('dunning_cases')
      .select(['invoice_id', 'policy_version_id'])
      .orderBy('invoice_id')
      .execute()
    expect(cases).toEqual([
      { invoice_id: 'i1', policy_version_id: v1 },
      { invoice_id: 'i2', policy_version_id: v2 },
    ])
    const steps = (await ledger()).map((r) => `${r.invoice_id} ${r.step_id}`)
    expect(steps).toContain('i1 everyone/notify:sms:reminder#1')
    expect(summary.decisions?.map((d) => d.decision.invoiceId).sort()).toEqual(['i1', 'i2'])
  })

  it('turns a due write-off into an uncollectible invoice, which stops the case', async () => {
    await publish(policy('p', 9))
    await seed(['c1'], [invoice('i1', 'c1')])
    await evaluateCustomers(ctx(), ['c1'], at('2026-03-11T12:00:00Z'))
    const row = await db().selectFrom('invoices').select('status').executeTakeFirstOrThrow()
    expect(row.status).toBe('uncollectible')
    await evaluateCustomers(ctx(), ['c1'], at('2026-03-11T13:00:00Z'))
    const kase = await db().selectFrom('dunning_cases').select('state').executeTakeFirstOrThrow()
    expect(kase.state).toBe('stopped')
  })
})
