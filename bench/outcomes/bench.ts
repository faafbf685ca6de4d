import { sql, type Kysely } from 'kysely'
import { connect, migrateToLatest, type Database } from '@dun/store'
import {
  attributionReport,
  catchUpOutcomes,
  COLLECT_DIMENSIONS,
  collectTimes,
  dsoOverTime,
  OUTCOME_DIMENSIONS,
  RECOVERY_DIMENSIONS,
  recoveryCurves,
  recoveryFunnel,
  recoveryReport,
  refreshOutcomes,
  type ServiceContext,
} from '@dun/service'
import { freshDatabase, POSTGRES_URL } from '../runner/database.js'
import { machineLine } from '../shared/machine.js'
import { seedHistory } from './seed.js'

/**
 * Outcome queries over 1,000,000 cases and 10,000,000 actions on the machine's PostgreSQL:
 * each must answer in ≤ 2 s. They read rollups the attribution job keeps; the bench also
 * times that job catching up on the whole history once, and then on a small increment.
 */
const CASES = Number(process.env.CASES ?? 1_000_000)
const ACTIONS_EACH = 10
const LIMIT_MS = 2_000
const RUNS = 5

const DATABASE = 'dun_bench_outcomes'
/** REUSE=1 keeps the last run's seeded history (seeding takes minutes) and starts the job afresh. */
const REUSE = process.env.REUSE === '1'

async function reuseDatabase(): Promise<Kysely<Database>> {
  const url = new URL(POSTGRES_URL)
  url.pathname = `/${DATABASE}`
  const db = connect({ url: url.toString(), max: 4 })
  // The outcome tables added since the history was seeded.
  await migrateToLatest(db)
  await sql`truncate payment_outcomes, payment_attributions, outcome_rollups, outcome_collect_days,
    outcome_watermarks, case_outcomes, outcome_case_rollups, outcome_monthly,
    outcome_funnel_cases, outcome_funnel_versions, outcome_funnel_steps, outcome_collect_credits,
    outcome_first_payments, outcome_recovery_days, outcome_open_days`.execute(db)
  await sql`delete from payment_events where event_key like 'late%'`.execute(db)
  console.log('reusing the seeded history of the last run')
  return db
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) samples.push(await timeMs(run))
  samples.sort((a, b) => a - b)
  return samples[Math.floor(RUNS / 2)] ?? Number.NaN
}

async function main(): Promise<void> {
  console.log(machineLine(['kysely', 'pg']))
  const db = REUSE ? await reuseDatabase() : (await freshDatabase(DATABASE)).db
  const server = await sql<{ server_version: string }>`show server_version`.execute(db)
  console.log(
    `postgresql ${server.rows[0]?.server_version}; ${CASES} cases, ${CASES * ACTIONS_EACH} actions`,
  )
  const ctx: ServiceContext = { db, workspace: 'default' }

  if (!REUSE) {
    await seedHistory(db, CASES, ACTIONS_EACH, (step, ms) =>
      console.log(`seed ${step}: ${seconds(ms)}`),
    )
  }

  let attributed = 0
  const catchUp = await timeMs(async () => (attributed = await refreshOutcomes(ctx)))
  console.log(
    `outcomes job, whole history (cases registered, payments attributed, closed cases counted, funnel): ${attributed} payments in ${seconds(catchUp)} (${Math.round(attributed / (catchUp / 1000))}/s)`,
  )

  let failures = 0
  const report = (name: string, ms: number) => {
    const ok = ms <= LIMIT_MS
    if (!ok) failures++
    console.log(
      `${name}: median ${ms.toFixed(1)} ms of ${RUNS} ${ok ? 'ok' : `OVER ${LIMIT_MS} ms`}`,
    )
  }
  for (const dimension of OUTCOME_DIMENSIONS) {
    report(`attribution by ${dimension}`, await medianMs(() => attributionReport(ctx, dimension)))
  }
  for (const dimension of RECOVERY_DIMENSIONS) {
    report(`recovery by ${dimension}`, await medianMs(() => recoveryReport(ctx, dimension)))
  }
  for (const dimension of COLLECT_DIMENSIONS) {
    report(`days to collect by ${dimension}`, await medianMs(() => collectTimes(ctx, dimension)))
  }
  report('recovery funnel by step', await medianMs(() => recoveryFunnel(ctx)))
  report('time-to-collect curves', await medianMs(() => recoveryCurves(ctx)))
  report('DSO over time', await medianMs(() => dsoOverTime(ctx)))
  // What the editor's Outcomes page reads on each visit: a bounded catch-up, then every figure.
  report(
    'Outcomes page (catch-up + every figure)',
    await medianMs(async () => {
      await catchUpOutcomes(ctx)
      await recoveryFunnel(ctx)
      await attributionReport(ctx, 'channel')
      await recoveryCurves(ctx)
      for (const dimension of RECOVERY_DIMENSIONS) await recoveryReport(ctx, dimension)
      await dsoOverTime(ctx)
      for (const dimension of ['segment', 'step', 'channel'] as const) {
        await collectTimes(ctx, dimension)
      }
    }),
  )
  // What an API request does: a bounded catch-up (nothing new), then read.
  report(
    'API path (catch-up + attribution by step)',
    await medianMs(async () => {
      await catchUpOutcomes(ctx)
      await attributionReport(ctx, 'step')
    }),
  )

  // 1,000 payments arrive for cases that had none.
  await sql`insert into payment_events (workspace_id, event_key, invoice_id, type, at, payload)
    select 'default', 'late' || n, 'i' || n, 'payment_succeeded', now(),
      jsonb_build_object('type', 'payment_succeeded', 'invoice_id', 'i' || n, 'at', now(), 'amount', 100)
    from generate_series(1, ${CASES}::int) as n where (n * 2654435761) % 10 >= 6 limit 1000`.execute(
    db,
  )
  const increment = await timeMs(async () => (attributed = await refreshOutcomes(ctx)))
  console.log(`attribution job, increment: ${attributed} new payments in ${seconds(increment)}`)

  await db.destroy()
  if (failures > 0) {
    console.error(`${failures} outcome queries took longer than ${LIMIT_MS} ms`)
    process.exitCode = 1
  }
}

await main()
