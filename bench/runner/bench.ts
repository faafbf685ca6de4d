import { spawn } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import {
  evaluateCustomers,
  recordEvent,
  requestPublish,
  saveVersion,
  type ServiceContext,
} from '@dun/service'
import { freshDatabase, POSTGRES_URL, resetLedger, seed } from './database.js'

/**
 * The runner's throughput and reaction time on the machine's PostgreSQL: cases decided
 * per second by one and by two `dun runner tick` processes over 100,000 due cases, and the
 * time from a `payment_failed` event to the action it causes being in the ledger.
 * Targets (issue 4): ≥ 5,000 cases/s for one process; ≤ 50 ms p99 per event.
 */
const CUSTOMERS = Number(process.env.DUN_BENCH_CUSTOMERS ?? 50_000)
const INVOICES_EACH = 2
const EVENTS = 500
const DUE = new Date('2026-03-02T00:00:00Z')
const NOW = new Date('2026-03-04T15:00:00Z')
const DUN = join(import.meta.dirname, '../../../apps/runner/bin/dun.js')

// Three actions per case at NOW; a soft decline afterwards makes a payment retry due at once.
const POLICY = `policy "bench" {
  currencies USD
  anchor due
  limits {
    at most 3 messages per 7 days
  }
  stop when invoice.balance <= 0
  segment everyone {
    day 0 email "due-today"
    day 0 task "check the account" for "ops"
    day 1 sms "reminder"
    day 2 retry payment when invoice.last_decline is soft
    day 9 write off
  }
}`

interface TickResult {
  readonly scheduler: { readonly casesEvaluated: number }
  readonly schedulerSeconds: number
}

async function main(): Promise<void> {
  const { url, db } = await freshDatabase('dun_bench_runner')
  const ctx: ServiceContext = { db, workspace: 'default', now: () => NOW }
  const admin = { username: 'bench', role: 'admin' } as const
  const version = await saveVersion(ctx, admin, { source: POLICY })
  await requestPublish(ctx, admin, version.id)
  const seeded = performance.now()
  await seed(db, CUSTOMERS, INVOICES_EACH, DUE)
  const cases = CUSTOMERS * INVOICES_EACH
  console.log(
    `seeded ${CUSTOMERS} customers, ${cases} invoices in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  )

  const rows: string[][] = []
  for (const processes of [1, 2]) {
    await resetLedger(db, new Date(NOW.getTime() - 60_000))
    const results = await Promise.all(Array.from({ length: processes }, () => tick(url)))
    const decided = results.reduce((sum, r) => sum + r.scheduler.casesEvaluated, 0)
    const seconds = Math.max(...results.map((r) => r.schedulerSeconds))
    const actions = await count(db, 'dunning_actions')
    rows.push([
      String(processes),
      String(decided),
      String(actions),
      seconds.toFixed(2),
      (decided / seconds).toFixed(0),
    ])
  }

  const latencies = await eventLatencies(ctx)
  await db.destroy()

  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; ${await serverVersion()}; load average ${loadavg()[0]!.toFixed(1)} (other work on the machine slows every figure)`,
  )
  console.log('\nscheduler throughput (dun runner tick, batches of 500 customers)')
  console.log(table([['processes', 'cases', 'actions', 'seconds', 'cases/s'], ...rows]))
  console.log(`  target: ≥ 5,000 cases/s for one process\n`)
  console.log(
    `payment_failed event → recorded, customer re-evaluated, retry in the ledger (${EVENTS} events, ${cases} cases in the database)`,
  )
  console.log(
    `  p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
  )
  console.log('  target: ≤ 50 ms p99')
}

/** One `dun runner tick` process at NOW, scheduler only. */
function tick(url: string): Promise<TickResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        DUN,
        'runner',
        'tick',
        '--now',
        NOW.toISOString(),
        '--batch-size',
        '500',
        '--no-delivery',
        '--json',
      ],
      {
        env: { ...process.env, DATABASE_URL: url, DUN_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as TickResult)
        : reject(new Error(`dun runner tick exited with ${code}`)),
    )
  })
}

/** As the API does it: record the event, then evaluate the customer at once. */
async function eventLatencies(ctx: ServiceContext): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < EVENTS; i++) {
    const customer = `c${1 + Math.floor((i * CUSTOMERS) / EVENTS)}`
    const at = new Date(NOW.getTime() + 60_000 + i)
    const started = performance.now()
    const recorded = await recordEvent(
      { ...ctx, now: () => at },
      {
        type: 'payment_failed',
        invoice_id: `${customer}-1`,
        at: at.toISOString(),
        decline_code: 'insufficient_funds',
        decline_class: 'soft',
      },
    )
    const summary = await evaluateCustomers(ctx, [recorded.customerId], at)
    latencies.push(performance.now() - started)
    if (summary.actionsDecided.retry_payment !== 1) {
      throw new Error(
        `event ${i} on ${customer} decided ${JSON.stringify(summary.actionsDecided)}, not one payment retry`,
      )
    }
  }
  return latencies
}

async function count(db: ServiceContext['db'], table: 'dunning_actions'): Promise<number> {
  const row = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)
  return Number(row.rows[0]!.n)
}

async function serverVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  const { rows } = await client.query<{ server_version: string }>('show server_version')
  await client.end()
  return `PostgreSQL ${rows[0]!.server_version}`
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  return rows.map((r) => '  ' + r.map((cell, c) => cell.padStart(widths[c]!)).join('  ')).join('\n')
}

await main()
