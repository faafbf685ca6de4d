import { pino } from 'pino'
import { expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import { refreshOutcomes, upsertCustomers, upsertInvoices, type ServiceContext } from '@dun/service'
import type { Database } from '@dun/store'
import { describeOnDatabases } from '@dun/store/testing'
import { startOutcomesJob } from '../src/outcomes/outcomes-loop.js'
import { outcomesMetrics } from '../src/outcomes/outcomes-metrics.js'

/** A logger whose JSON lines the test reads. */
function capturedLogger() {
  const lines: { level: number; msg: string; err?: { message: string } }[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  return { logger, lines }
}

/** A case of customer `id` under a published version, and a payment of its invoice two days later. */
async function seedPaidCase(db: Kysely<Database>, ctx: ServiceContext, id: string) {
  await upsertCustomers(ctx, [{ id, currency: 'USD', timezone: 'UTC' }])
  await upsertInvoices(ctx, [
    {
      id: `inv-${id}`,
      customer_id: id,
      amount_due: 4_900,
      balance: 4_900,
      currency: 'USD',
      issued_at: '2026-02-20T00:00:00Z',
      due_at: '2026-03-01T00:00:00Z',
    },
  ])
  const policy = await db
    .insertInto('policies')
    .values({ workspace_id: 'default', name: `p-${id}`, live_version_id: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  const version = await db
    .insertInto('policy_versions')
    .values({
      workspace_id: 'default',
      policy_id: policy.id,
      number: 1,
      source: `policy "p-${id}" {}`,
      compiled: JSON.stringify({}),
      content_hash: id,
      author: 'ana',
      comment: '',
      state: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('dunning_cases')
    .values({
      workspace_id: 'default',
      invoice_id: `inv-${id}`,
      customer_id: id,
      policy_version_id: version.id,
      state: 'active',
      segment: 'everyone',
      opened_at: '2026-03-01T00:00:00Z',
    })
    .execute()
  const payment = { type: 'payment_succeeded', invoice_id: `inv-${id}`, at: '2026-03-03T00:00:00Z' }
  await db
    .insertInto('payment_events')
    .values({
      workspace_id: 'default',
      event_key: `pay-${id}`,
      invoice_id: payment.invoice_id,
      type: 'payment_succeeded',
      at: payment.at,
      payload: JSON.stringify({ ...payment, amount: null }),
    })
    .execute()
}

async function attributed(db: Kysely<Database>, eventKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('payment_outcomes')
    .select('event_key')
    .where('event_key', '=', eventKey)
    .executeTakeFirst()
  return row !== undefined
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const counted = async () => (await outcomesMetrics.paymentsAttributed.get()).values[0]?.value ?? 0
const runs = async (result: 'ok' | 'failed') =>
  (await outcomesMetrics.runs.get()).values.find((v) => v.labels.result === result)?.value ?? 0

describeOnDatabases('runner_outcomes_loop', (db) => {
  it('attributes a payment on its own timer, with no API read, counts it, and stops on the signal', async () => {
    const ctx: ServiceContext = { db: db(), workspace: 'default' }
    const before = await counted()
    const { logger, lines } = capturedLogger()
    const stop = new AbortController()
    const { stopped } = startOutcomesJob({ ctx, intervalMs: 20, logger, signal: stop.signal })
    await seedPaidCase(db(), ctx, 'loop-1')
    await waitFor(() => attributed(db(), 'pay-loop-1'))
    stop.abort()
    await stopped
    expect(await counted()).toBe(before + 1)
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['outcomes job started', 'outcomes job run', 'outcomes job stopped']),
    )
  })

  it('logs a failed run and retries at the next tick without stopping', async () => {
    const ctx: ServiceContext = { db: db(), workspace: 'default' }
    await seedPaidCase(db(), ctx, 'loop-2')
    const failedBefore = await runs('failed')
    const { logger, lines } = capturedLogger()
    let calls = 0
    const stop = new AbortController()
    const { stopped } = startOutcomesJob({
      ctx,
      intervalMs: 20,
      logger,
      signal: stop.signal,
      refresh: async (c) => {
        calls += 1
        if (calls === 1) throw new Error('connection reset by the database')
        return refreshOutcomes(c)
      },
    })
    await waitFor(() => attributed(db(), 'pay-loop-2'))
    stop.abort()
    await stopped
    expect(calls).toBeGreaterThanOrEqual(2)
    expect(await runs('failed')).toBe(failedBefore + 1)
    const failure = lines.find((l) => l.level === 50)
    expect(failure?.msg).toMatch(/outcomes job run failed; .* retried at the next run/)
    expect(failure?.err?.message).toBe('connection reset by the database')
  })
})
