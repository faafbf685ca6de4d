import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { compile } from '@dun/dsl'
import { prepare, type CustomerCaseFacts } from '@dun/engine'
import { freshPostgres, postgresFor, type TestDatabase } from '@dun/store/testing'
import type { ServiceContext } from '@dun/service'
import { publishPolicy, readLedger, seedLive } from './scheduler-fixtures.js'

// Three real `dun runner tick` processes share one PostgreSQL; one is killed with SIGKILL
// mid-run. Every action the engine decides must be in the ledger exactly once.
const bin = join(import.meta.dirname, '../bin/dun.js')
const CUSTOMERS = 5_000
const INVOICES_EACH = 2
const NOW = '2026-03-03T12:00:00Z'

// Several steps on the same day, and more messages than the cap allows for two invoices:
// every process must see the same contacts to defer the same ones.
const POLICY = `policy "exactly-once" {
  currencies USD
  anchor due
  limits {
    at most 5 messages per 7 days
  }
  stop when invoice.balance <= 0
  segment everyone {
    day 0 email "due-today"
    day 0 task "check the account" for "ops"
    day 0 retry payment
    day 1 sms "reminder"
    day 2 webhook "overdue"
    day 9 write off
  }
}`

const problem = await postgresFor('the exactly-once crash test')

describe.skipIf(problem !== null)('exactly once, with three runners and a crash', () => {
  let database: TestDatabase
  let ctx: ServiceContext
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: `cust-${i}`,
    currency: 'USD',
    timezone: ['UTC', 'America/New_York', 'Europe/Berlin'][i % 3]!,
  }))
  const invoices = customers.flatMap((c, i) =>
    Array.from({ length: INVOICES_EACH }, (_, k) => ({
      id: `inv-${i}-${k}`,
      customer_id: c.id,
      amount_due: 1000 + i,
      balance: 1000 + i,
      currency: 'USD',
      issued_at: '2026-02-15T00:00:00Z',
      due_at: `2026-03-0${1 + k}T00:00:00Z`,
    })),
  )

  beforeAll(async () => {
    if (!existsSync(join(import.meta.dirname, '../dist/cli.js'))) {
      throw new Error('the runner is not built: run `npx tsc -b` first (npm test does)')
    }
    database = await freshPostgres('exactly_once')
    ctx = { db: database.db, workspace: 'default', now: () => new Date('2026-03-01T00:00:00Z') }
    await publishPolicy(ctx, POLICY)
    await seedLive(ctx, customers, invoices)
  }, 60_000)

  afterAll(async () => {
    await database?.close()
  })

  it('decides every expected action once, none missing, after a SIGKILL mid-run', async () => {
    const env = { ...process.env, DATABASE_URL: database.url, DUN_LOG_LEVEL: 'silent' }
    const runners = [0, 1, 2].map(() => tick(env))
    // Kill the first runner once the work is under way (it holds a batch most of the time).
    await waitFor(async () => (await ledgerCount()) > 2_000, 30_000)
    runners[0]!.child.kill('SIGKILL')
    const exits = await Promise.all(runners.map((r) => r.exit))
    expect(exits[0]).toEqual({ code: null, signal: 'SIGKILL' })
    expect(exits.slice(1)).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ])
    // Customers the killed runner held are due again once PostgreSQL rolled its batch back:
    // the next tick (the next cron run, or any replica's next pass) takes them.
    const restart = await tick(env).exit
    expect(restart).toEqual({ code: 0, signal: null })

    const ledger = await readLedger(database.db)
    const keys = ledger.map((l) => `${l.invoiceId} ${l.stepId} ${l.status}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.sort()).toEqual(expectedActions().sort())
    const due = await sql<{ n: string }>`
      select count(*) as n from customer_schedule where next_action_at <= ${new Date(NOW)}`.execute(
      database.db,
    )
    expect(Number(due.rows[0]!.n)).toBe(0)
    const cases = await sql<{ n: string }>`
      select count(*) as n from dunning_cases group by invoice_id having count(*) > 1`.execute(
      database.db,
    )
    expect(cases.rows).toEqual([])
  }, 90_000)

  /** The engine's own answer for the same facts at the same instant. */
  function expectedActions(): string[] {
    const policy = prepare(compile(POLICY).compiled!)
    return customers.flatMap((c, i) => {
      const facts: CustomerCaseFacts = {
        customer: {
          ...c,
          plan: '',
          arr: 0,
          country: '',
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
        cases: invoices.slice(i * INVOICES_EACH, (i + 1) * INVOICES_EACH).map((inv) => ({
          invoice: {
            ...inv,
            issued_at: Date.parse(inv.issued_at),
            due_at: Date.parse(inv.due_at),
            status: 'open' as const,
            disputed: false,
            attempts: 0,
            last_decline_code: null,
            last_decline_class: null,
            first_failed_at: null,
            subscription_id: null,
          },
          dunning: { steps_done: [], retries: [] },
        })),
      }
      return policy
        .evaluateCustomer(facts, Date.parse(NOW))
        .flatMap((d) => [
          ...d.due.map((a) => `${d.invoiceId} ${a.stepId} pending`),
          ...d.skipped.map((a) => `${d.invoiceId} ${a.stepId} skipped`),
        ])
    })
  }

  async function ledgerCount(): Promise<number> {
    const row = await database.db
      .selectFrom('dunning_actions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
})

interface Exit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

function tick(env: NodeJS.ProcessEnv): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(
    process.execPath,
    [bin, 'runner', 'tick', '--now', NOW, '--batch-size', '20', '--no-delivery', '--json'],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const exit = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, exit }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
