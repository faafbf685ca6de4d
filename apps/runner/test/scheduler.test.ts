import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPglite, freshPostgres, postgresFor, type TestDatabase } from '@dun/store/testing'
import type { ServiceContext } from '@dun/service'
import { metrics } from '../src/ops/metrics.js'
import { createLogger } from '../src/ops/logger.js'
import { startScheduler } from '../src/scheduler/loop.js'
import { publishPolicy, readLedger, seedLive } from './scheduler-fixtures.js'

const POLICY = `policy "loop" {
  currencies USD
  anchor due
  segment everyone {
    day 0 email "due-today"
    day 2 sms "reminder"
  }
}`
const NOW = new Date('2026-03-02T12:00:00Z')

async function seed(
  ctx: ServiceContext,
  customers: number,
  dueAt = '2026-03-02T00:00:00Z',
  timezone = 'UTC',
): Promise<void> {
  await publishPolicy(ctx, POLICY)
  const ids = Array.from({ length: customers }, (_, i) => `c${i}`)
  await seedLive(
    ctx,
    ids.map((id) => ({ id, currency: 'USD', timezone })),
    ids.map((id) => ({
      id: `${id}-1`,
      customer_id: id,
      amount_due: 100,
      balance: 100,
      currency: 'USD',
      issued_at: '2026-02-20T00:00:00Z',
      due_at: dueAt,
    })),
  )
}

describe('the scheduler loop', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshPglite()
  }, 60_000)
  afterAll(async () => {
    await database?.close()
  })

  it('decides due customers on its clock, records metrics, and stops on the signal', async () => {
    const ctx: ServiceContext = { db: database.db, workspace: 'default', now: () => NOW }
    await seed(ctx, 5)
    const before = await counterValue(metrics.customersEvaluated)
    let clock = NOW
    const stop = new AbortController()
    const { stopped } = startScheduler({
      ctx,
      intervalMs: 10,
      batchSize: 2,
      logger: createLogger(),
      signal: stop.signal,
      clock: () => clock,
    })
    await waitFor(async () => (await readLedger(database.db)).length === 5)
    expect(await counterValue(metrics.customersEvaluated)).toBe(before + 5)
    // Two days later the SMS of every customer is due: the loop picks it up by itself.
    clock = new Date('2026-03-04T12:00:00Z')
    await waitFor(async () => (await readLedger(database.db)).length === 10)
    stop.abort()
    await stopped
    const ledger = await readLedger(database.db)
    expect(ledger.map((l) => l.actionType)).toEqual(Array(10).fill('notify'))
  }, 30_000)
})

const problem = await postgresFor('the dun runner process test')

describe.skipIf(problem !== null)('dun runner', () => {
  it('runs the scheduler on the wall clock, and on SIGTERM finishes and exits cleanly', async () => {
    const database = await freshPostgres('runner_sigterm')
    try {
      // The runner runs on the wall clock: customers in a zone where it is now midday, with
      // invoices due at that zone's midnight, have their day-0 email due now (not quiet hours).
      const { zone, midnight } = middayZone(new Date())
      await seed({ db: database.db, workspace: 'default' }, 3, midnight, zone)
      const child = spawn(
        process.execPath,
        [join(import.meta.dirname, '../bin/dun.js'), 'runner', '--no-api', '--no-delivery'],
        {
          env: {
            ...process.env,
            DATABASE_URL: database.url,
            DUN_LOG_LEVEL: 'info',
            DUN_ADMIN_PASSWORD: 'a long enough password',
            DUN_SCHEDULER_INTERVAL_MS: '50',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      const exit = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      )
      try {
        await waitFor(async () => (await readLedger(database.db)).length === 3)
      } finally {
        child.kill('SIGTERM')
      }
      expect(await exit).toBe(0)
      const messages = out
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg)
      expect(messages).toContain('scheduler pass')
      // Every worker stops (in either order) before the runner says it stopped.
      expect(new Set(messages.slice(-3, -1))).toEqual(
        new Set(['scheduler stopped', 'outcomes job stopped']),
      )
      expect(messages.at(-1)).toBe('runner stopped')
    } finally {
      await database.close()
    }
  }, 30_000)
})

async function counterValue(counter: typeof metrics.customersEvaluated): Promise<number> {
  return (await counter.get()).values.reduce((sum, v) => sum + v.value, 0)
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A fixed-offset zone where it is now between 12:00 and 13:00, and that day's midnight. */
function middayZone(now: Date): { zone: string; midnight: string } {
  const offset = 12 - now.getUTCHours()
  const zone = offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`
  const day = 86_400_000
  const local = now.getTime() + offset * 3_600_000
  return {
    zone,
    midnight: new Date(Math.floor(local / day) * day - offset * 3_600_000).toISOString(),
  }
}
