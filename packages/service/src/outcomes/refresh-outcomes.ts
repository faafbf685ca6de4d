import {
  addFirstPayments,
  addLateFunnelPayments,
  addRecoveries,
  addToCollectCredits,
  addToCollectDays,
  addToMonthly,
  addToRollups,
  analyzeOutcomeTables,
  countClosedCases,
  countFunnelCases,
  findSentActions,
  findUnattributedPayments,
  insertAttributionShares,
  lockOutcomesJob,
  lockWatermark,
  outcomesAsOf,
  recordAttributions,
  REFRESHED_JOB,
  registerOpenedCases,
  saveWatermark,
  type Db,
  type SentAction,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { attribute, DEFAULT_WINDOW_DAYS } from './attribution.js'
import {
  collectCreditDeltas,
  collectDayDeltas,
  daysToCollect,
  rollupDeltas,
  sharesOf,
} from './shares.js'

const BATCH = 2_000
/** What a read catches up at most, per stage, before it reads the rollups. */
const READ_BATCH = 500
/**
 * `received_at` (and `opened_at`) is the inserting transaction's start: one that commits
 * late can land behind the watermark. Rescanning this much behind it (what was already
 * counted is skipped) catches those.
 */
const RESCAN_MS = 10 * 60_000
/** Rows added in one run past which the planner's statistics are refreshed. */
const ANALYZE_AFTER = 50_000

export interface RefreshOptions {
  readonly windowDays?: number
}

/** One batch of a stage: how many rows it read (a full batch means more may wait) and counted. */
interface BatchResult {
  readonly scanned: number
  readonly counted: number
}
type Batch = (tx: Db, workspace: string, limit: number) => Promise<BatchResult>
type CountSince = (
  tx: Db,
  workspace: string,
  since: Date,
  limit: number,
) => Promise<{ counted: number; latest: Date | null }>

/**
 * A stage that follows its own watermark over the cases (opened or closed): one batch
 * counts what came since the watermark (less the rescan window) and moves it on.
 */
function watermarkBatch(job: string, count: CountSince): Batch {
  return async (tx, workspace, limit) => {
    const watermark = await lockWatermark(tx, workspace, job)
    const since = new Date(watermark.getTime() - RESCAN_MS)
    const { counted, latest } = await count(tx, workspace, since, limit)
    if (latest && latest > watermark) await saveWatermark(tx, workspace, job, latest)
    return { scanned: counted, counted }
  }
}

/** The job's stages in order: each counts what the ones before it recorded. */
function stages(windowDays: number) {
  return {
    /** Newly opened cases, into the case rollups. */
    cases: watermarkBatch('cases', async (tx, workspace, since, limit) => {
      const { registered, latest } = await registerOpenedCases(tx, workspace, since, limit)
      return { counted: registered, latest }
    }),
    /** Newly received payments, linked to their cases and actions. */
    payments: attributeBatch(windowDays),
    /** Newly closed cases (recovery, messages, churn). */
    closed: watermarkBatch('closed', countClosedCases),
    /** Newly closed cases, into the recovery funnel by step. */
    funnel: watermarkBatch('funnel', countFunnelCases),
  }
}

/**
 * One batch in its own transaction, after the job's lock: waiting for it, or (`wait:
 * false`) null at once when another run holds it.
 */
async function runBatch(
  ctx: ServiceContext,
  batch: Batch,
  limit: number,
  wait: boolean,
): Promise<BatchResult | null> {
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await lockOutcomesJob(tx, ctx.workspace, wait))) return null
    return batch(tx, ctx.workspace, limit)
  })
}

/** Runs a stage's batches while each finds a full one; returns how many rows it counted. */
async function untilDone(ctx: ServiceContext, batch: Batch): Promise<number> {
  let total = 0
  for (;;) {
    const done = await runBatch(ctx, batch, BATCH, true)
    total += done?.counted ?? 0
    if (!done || done.scanned < BATCH) return total
  }
}

/**
 * The incremental outcomes job: counts the cases opened since its watermark, links the
 * payments received since another to their cases and actions, then counts the cases
 * closed since a third (recovery, messages, churn) and a fourth (the funnel by step),
 * adding all to the rollups, one batch per transaction. Batches of concurrent runs take
 * turns on the job's lock, so runs may overlap. Cheap to run often; queries read only what
 * it maintains. Returns how many payments it attributed.
 */
export async function refreshOutcomes(
  ctx: ServiceContext,
  options: RefreshOptions = {},
): Promise<number> {
  const startedAt = new Date()
  const stage = stages(options.windowDays ?? DEFAULT_WINDOW_DAYS)
  const registered = await untilDone(ctx, stage.cases)
  const attributed = await untilDone(ctx, stage.payments)
  if (registered + attributed >= ANALYZE_AFTER) await analyzeOutcomeTables(ctx.db)
  await untilDone(ctx, stage.closed)
  await untilDone(ctx, stage.funnel)
  await runBatch(ctx, markRefreshed(startedAt), 0, true)
  return attributed
}

/**
 * What a read does before it reads the rollups: at most one small batch per stage, and
 * none when another run (the runner's timer) holds the job's lock, so a read never waits
 * behind a long catch-up. When the small batches left nothing behind, the figures' as-of
 * time moves to now; otherwise they stay as of the last run that finished.
 */
export async function catchUpOutcomes(
  ctx: ServiceContext,
  options: RefreshOptions = {},
): Promise<void> {
  const startedAt = new Date()
  let caughtUp = true
  for (const batch of Object.values(stages(options.windowDays ?? DEFAULT_WINDOW_DAYS))) {
    const done = await runBatch(ctx, batch, READ_BATCH, false)
    if (!done) return
    if (done.scanned === READ_BATCH) caughtUp = false
  }
  if (caughtUp) await runBatch(ctx, markRefreshed(startedAt), 0, false)
}

/** When the figures were last brought fully up to date (ISO 8601); null before any run. */
export async function figuresAsOf(ctx: ServiceContext): Promise<string | null> {
  return (await outcomesAsOf(ctx.db, ctx.workspace))?.toISOString() ?? null
}

function attributeBatch(windowDays: number): Batch {
  return async (tx, workspace, limit) => {
    const watermark = await lockWatermark(tx, workspace, 'attribution')
    const since = new Date(watermark.getTime() - RESCAN_MS)
    const payments = await findUnattributedPayments(tx, workspace, since, limit)
    if (payments.length === 0) return { scanned: 0, counted: 0 }
    const inserted = await recordAttributions(tx, workspace, payments, daysToCollect)
    const fresh = payments.filter((p) => inserted.has(p.eventKey))
    const actions = groupByCase(await findSentActions(tx, workspace, fresh))
    const shares = fresh.flatMap((p) =>
      sharesOf(p.eventKey, attribute(p.paidAt, actions.get(p.caseId) ?? [], windowDays)),
    )
    const withDays = fresh.map((p) => ({ ...p, day: daysToCollect(p), days: daysToCollect(p) }))
    await insertAttributionShares(tx, workspace, shares)
    await addToRollups(tx, workspace, rollupDeltas(fresh, shares))
    await addToCollectDays(tx, workspace, collectDayDeltas(fresh))
    await addToCollectCredits(tx, workspace, collectCreditDeltas(fresh, shares))
    await addRecoveries(tx, workspace, fresh)
    await addLateFunnelPayments(tx, workspace, fresh)
    await addFirstPayments(tx, workspace, withDays)
    await addToMonthly(tx, workspace, withDays)
    const latest = payments.reduce(
      (max, p) => Math.max(max, p.receivedAt.getTime()),
      watermark.getTime(),
    )
    await saveWatermark(tx, workspace, 'attribution', new Date(latest))
    return { scanned: payments.length, counted: fresh.length }
  }
}

/** Records that what arrived before `startedAt` is counted: the figures' as-of time. */
function markRefreshed(startedAt: Date): Batch {
  return async (tx, workspace) => {
    const asOf = await lockWatermark(tx, workspace, REFRESHED_JOB)
    if (startedAt > asOf) await saveWatermark(tx, workspace, REFRESHED_JOB, startedAt)
    return { scanned: 0, counted: 0 }
  }
}

function groupByCase(actions: readonly SentAction[]): Map<string, SentAction[]> {
  const byCase = new Map<string, SentAction[]>()
  for (const action of actions) {
    const list = byCase.get(action.caseId) ?? []
    list.push(action)
    byCase.set(action.caseId, list)
  }
  return byCase
}
