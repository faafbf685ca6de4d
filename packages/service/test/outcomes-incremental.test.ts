import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@dun/store'
import {
  describeOnDatabases,
  freshPostgres,
  postgresFor,
  type TestDatabase,
} from '@dun/store/testing'
import {
  catchUpOutcomes,
  figuresAsOf,
  recoveryCurves,
  recoveryFunnel,
  recoveryReport,
  refreshOutcomes,
  type ServiceContext,
} from '../src/index.js'
import { email, insertHistory, insertVersion, sms, type HistoryCase } from './outcomes-history.js'

const at = (iso: string) => new Date(iso)

/** Everything the outcomes job writes: emptied, the next run recounts the ledger from scratch. */
const OUTCOME_TABLES = sql`payment_outcomes, payment_attributions, outcome_rollups,
  outcome_collect_days, outcome_watermarks, case_outcomes, outcome_case_rollups, outcome_monthly,
  outcome_funnel_cases, outcome_funnel_versions, outcome_funnel_steps, outcome_collect_credits,
  outcome_first_payments, outcome_recovery_days, outcome_open_days`

/** A payment that arrives now (its `received_at`), paid at `paidAt`. */
async function receivePayment(
  db: Kysely<Database>,
  invoiceId: string,
  key: string,
  paidAt: Date,
  amount: number | null,
) {
  await db
    .insertInto('payment_events')
    .values({
      workspace_id: 'default',
      event_key: `${invoiceId}/${key}`,
      invoice_id: invoiceId,
      type: 'payment_succeeded',
      at: paidAt,
      payload: JSON.stringify({
        type: 'payment_succeeded',
        invoice_id: invoiceId,
        at: paidAt.toISOString(),
        amount,
      }),
    })
    .execute()
}

async function figures(ctx: ServiceContext) {
  return {
    funnel: await recoveryFunnel(ctx),
    curves: await recoveryCurves(ctx),
    recovery: await recoveryReport(ctx, 'version'),
  }
}

const HISTORY: HistoryCase[] = [
  {
    // Part paid on day 4, closed on day 9; the rest arrives after the close.
    invoiceId: 'A',
    segment: 'smb',
    currency: 'USD',
    amountDue: 10_000,
    openedAt: at('2026-03-01T00:00:00Z'),
    closedAt: at('2026-03-10T00:00:00Z'),
    actions: [
      { stepId: 'e0', action: email('due'), decidedAt: at('2026-03-01T01:00:00Z') },
      { stepId: 's3', action: sms('reminder'), decidedAt: at('2026-03-04T01:00:00Z') },
      { stepId: 'e7', action: email('final'), decidedAt: at('2026-03-08T01:00:00Z') },
    ],
    payments: [{ at: at('2026-03-05T12:00:00Z'), amount: 4_000 }],
  },
  {
    // Written off unpaid on day 19; pays in full afterwards.
    invoiceId: 'W',
    segment: 'smb',
    currency: 'USD',
    amountDue: 5_000,
    openedAt: at('2026-03-01T00:00:00Z'),
    closedAt: at('2026-03-20T00:00:00Z'),
    actions: [
      { stepId: 'e0', action: email('due'), decidedAt: at('2026-03-01T01:00:00Z') },
      { stepId: 's3', action: sms('reminder'), decidedAt: at('2026-03-04T01:00:00Z') },
    ],
    payments: [],
  },
  {
    // Still open: paid on day 9 first, then a payment dated day 2 arrives late.
    invoiceId: 'C',
    segment: 'smb',
    currency: 'USD',
    amountDue: 3_000,
    openedAt: at('2026-03-01T00:00:00Z'),
    actions: [{ stepId: 'e0', action: email('due'), decidedAt: at('2026-03-01T01:00:00Z') }],
    payments: [{ at: at('2026-03-10T12:00:00Z'), amount: 1_000 }],
  },
]

describeOnDatabases('service_outcomes_incremental', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })
  let version = ''

  /** The figures a single run computes over the whole ledger as it now stands. */
  async function recount() {
    await sql`truncate ${OUTCOME_TABLES}`.execute(db())
    await refreshOutcomes(ctx())
    return figures(ctx())
  }

  beforeEach(async () => {
    await sql`truncate customers, invoices, payment_events, policies, policy_versions,
      dunning_cases, dunning_actions, ${OUTCOME_TABLES} cascade`.execute(db())
    version = await insertVersion(db(), 'main')
    await insertHistory(db(), version, HISTORY)
  })

  it('the funnel takes in payments attributed after their case was counted, as a recount does', async () => {
    await refreshOutcomes(ctx())
    await receivePayment(db(), 'A', 'late', at('2026-03-12T00:00:00Z'), 6_000)
    await receivePayment(db(), 'W', 'after-write-off', at('2026-03-25T00:00:00Z'), null)
    await refreshOutcomes(ctx())
    const incremental = await figures(ctx())
    const [funnel] = incremental.funnel
    expect(funnel).toMatchObject({ closedCases: 2, recoveredCases: 2, recoveredAmount: 15_000 })
    expect(funnel?.steps.map((s) => [s.stepId, s.recoveredAfter, s.amountRecoveredAfter])).toEqual([
      ['e0', 2, 15_000],
      ['s3', 2, 15_000],
      ['e7', 1, 6_000],
    ])
    expect(incremental).toEqual(await recount())
  })

  it('a case counts on the day of its earliest payment, whichever batch brought it', async () => {
    await refreshOutcomes(ctx())
    await receivePayment(db(), 'C', 'earlier', at('2026-03-03T12:00:00Z'), 500)
    await refreshOutcomes(ctx())
    const incremental = await figures(ctx())
    const [curve] = incremental.curves
    expect(curve?.points.map((p) => [p.day, p.recoveredCases])).toEqual([
      [2, 1],
      [4, 2],
    ])
    expect(incremental).toEqual(await recount())
  })

  it('time-to-collect curves count a case only for the days it has been open', async () => {
    const DAY = 86_400_000
    const opened = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY - 60_000)
    /** Half the cases that have been open long enough pay on day 2, as in every version. */
    const cases = (name: string, daysAgo: number, count: number, paying: number) =>
      Array.from({ length: count }, (_, n) => ({
        invoiceId: `${name}-${daysAgo}-${n}`,
        segment: 'smb',
        currency: 'USD',
        amountDue: 1_000,
        openedAt: opened(daysAgo),
        actions: [],
        payments:
          n < paying ? [{ at: new Date(opened(daysAgo).getTime() + 2.5 * DAY), amount: null }] : [],
      }))
    const older = await insertVersion(db(), 'older')
    const newer = await insertVersion(db(), 'newer')
    await insertHistory(db(), older, cases('older', 100, 8, 4))
    // Half its cases opened a minute ago: they could not have paid on day 2 yet.
    await insertHistory(db(), newer, [...cases('newer', 5, 4, 2), ...cases('newer', 0, 4, 0)])
    await refreshOutcomes(ctx())
    const curves = await recoveryCurves(ctx())
    const day2 = (id: string) => curves.find((c) => c.policyVersionId === id)?.points[0]
    expect(day2(older)).toEqual({ day: 2, recoveredCases: 4, casesAtRisk: 8, share: 0.5 })
    expect(day2(newer)).toEqual({ day: 2, recoveredCases: 2, casesAtRisk: 4, share: 0.5 })
    expect(curves.find((c) => c.policyVersionId === newer)?.cases).toBe(8)
  })

  it('runs that overlap (the timer, reads catching up) all finish and count everything once', async () => {
    await Promise.all([
      refreshOutcomes(ctx()),
      refreshOutcomes(ctx()),
      catchUpOutcomes(ctx()),
      catchUpOutcomes(ctx()),
    ])
    const overlapping = await figures(ctx())
    expect(overlapping).toEqual(await recount())
    expect(overlapping.funnel[0]).toMatchObject({ closedCases: 2, recoveredAmount: 4_000 })
  })

  it('a read catches up what little arrived and says as of when', async () => {
    expect(await figuresAsOf(ctx())).toBeNull()
    const before = Date.now()
    await catchUpOutcomes(ctx())
    expect(Date.parse((await figuresAsOf(ctx())) ?? '')).toBeGreaterThanOrEqual(before - 1000)
    expect(await figures(ctx())).toEqual(await recount())
  })
})

describe.skipIf((await postgresFor('reads while the outcomes job runs')) !== null)(
  'reads while the outcomes job holds its lock (PostgreSQL)',
  () => {
    let handle: TestDatabase | undefined
    const db = () => {
      if (!handle) throw new Error('database not open')
      return handle.db
    }
    beforeAll(async () => {
      handle = await freshPostgres('service_outcomes_busy')
      const version = await insertVersion(db(), 'main')
      await insertHistory(db(), version, HISTORY)
    }, 60_000)
    afterAll(async () => {
      await handle?.close()
    })

    it('do not wait for the job: they read the figures as they stand', async () => {
      const ctx: ServiceContext = { db: db(), workspace: 'default' }
      await refreshOutcomes(ctx)
      const standing = await figures(ctx)
      await receivePayment(db(), 'C', 'while-busy', at('2026-03-03T12:00:00Z'), 500)
      await db()
        .transaction()
        .execute(async (job) => {
          // A run mid-batch: the job's lock and its watermark row.
          await sql`select pg_advisory_xact_lock(hashtext('dun.outcomes'), hashtext('default'))`.execute(
            job,
          )
          await sql`select * from outcome_watermarks for update`.execute(job)
          const started = performance.now()
          await catchUpOutcomes(ctx)
          expect(performance.now() - started).toBeLessThan(2_000)
          expect(await figures(ctx)).toEqual(standing)
        })
      await catchUpOutcomes(ctx)
      expect(await figures(ctx)).not.toEqual(standing)
    })
  },
)
