import {
  addFirstPayments,
  addLateFunnelPayments,
  addRecoveries,
  addToCollectCredits,
  countFunnelCases,
  analyzeOutcomeTables,
  addToCollectDays,
  addToMonthly,
  countClosedCases,
  addToRollups,
  findSentActions,
  findUnattributedPayments,
  insertAttributionShares,
  lockWatermark,
  REFRESHED_JOB,
  recordAttributions,
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

const JOB = 'attribution'
const CASES_JOB = 'cases'
const CLOSED_JOB = 'closed'
const FUNNEL_JOB = 'funnel'
const BATCH = 2_000
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

/**
 * The incremental outcomes job: counts the cases opened since its watermark, links the
 * payments received since another to their cases and actions, then counts the cases
 * closed since a third (recovery, messages, churn) and a fourth (the funnel by step),
 * adding all to the rollups, one batch per transaction. Cheap to run often; queries read only what it
 * maintains. Returns how many payments it attributed.
 */
export async function refreshOutcomes(
  ctx: ServiceContext,
  options: RefreshOptions = {},
): Promise<number> {
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS
  const startedAt = new Date()
  const registered = await untilDone(ctx, registerCasesBatch)
  let total = 0
  let full = true
  while (full) {
    const batch = await ctx.db
      .transaction()
      .execute((tx) => attributeBatch(tx, ctx.workspace, windowDays))
    total += batch.attributed
    full = batch.full
  }
  if (registered + total >= ANALYZE_AFTER) await analyzeOutcomeTables(ctx.db)
  // After the payments: a closed case's count includes what it recovered.
  await untilDone(ctx, countClosedBatch)
  await untilDone(ctx, countFunnelBatch)
  await ctx.db.transaction().execute((tx) => markRefreshed(tx, ctx.workspace, startedAt))
  return total
}

async function attributeBatch(
  tx: Db,
  workspace: string,
  windowDays: number,
): Promise<{ attributed: number; full: boolean }> {
  const watermark = await lockWatermark(tx, workspace, JOB)
  const since = new Date(watermark.getTime() - RESCAN_MS)
  const payments = await findUnattributedPayments(tx, workspace, since, BATCH)
  if (payments.length === 0) return { attributed: 0, full: false }
  const inserted = await recordAttributions(tx, workspace, payments, daysToCollect)
  const fresh = payments.filter((p) => inserted.has(p.eventKey))
  const actions = groupByCase(await findSentActions(tx, workspace, fresh))
  const shares = fresh.flatMap((p) =>
    sharesOf(p.eventKey, attribute(p.paidAt, actions.get(p.caseId) ?? [], windowDays)),
  )
  await insertAttributionShares(tx, workspace, shares)
  await addToRollups(tx, workspace, rollupDeltas(fresh, shares))
  await addToCollectDays(tx, workspace, collectDayDeltas(fresh))
  await addToCollectCredits(tx, workspace, collectCreditDeltas(fresh, shares))
  await addRecoveries(tx, workspace, fresh)
  await addLateFunnelPayments(tx, workspace, fresh)
  await addFirstPayments(
    tx,
    workspace,
    fresh.map((p) => ({ ...p, day: daysToCollect(p) })),
  )
  await addToMonthly(
    tx,
    workspace,
    fresh.map((p) => ({ ...p, days: daysToCollect(p) })),
  )
  const latest = payments.reduce(
    (max, p) => Math.max(max, p.receivedAt.getTime()),
    watermark.getTime(),
  )
  await saveWatermark(tx, workspace, JOB, new Date(latest))
  return { attributed: fresh.length, full: payments.length === BATCH }
}

/** Runs one-batch transactions while each finds a full batch; returns how many rows in all. */
async function untilDone(
  ctx: ServiceContext,
  batch: (tx: Db, workspace: string) => Promise<number>,
): Promise<number> {
  let total = 0
  for (;;) {
    const done = await ctx.db.transaction().execute((tx) => batch(tx, ctx.workspace))
    total += done
    if (done < BATCH) return total
  }
}

/** One batch of newly opened cases; returns how many. */
async function registerCasesBatch(tx: Db, workspace: string): Promise<number> {
  const watermark = await lockWatermark(tx, workspace, CASES_JOB)
  const since = new Date(watermark.getTime() - RESCAN_MS)
  const { registered, latest } = await registerOpenedCases(tx, workspace, since, BATCH)
  if (latest && latest > watermark) await saveWatermark(tx, workspace, CASES_JOB, latest)
  return registered
}

/** One batch of newly closed cases, counted once each; returns how many. */
async function countClosedBatch(tx: Db, workspace: string): Promise<number> {
  const watermark = await lockWatermark(tx, workspace, CLOSED_JOB)
  const since = new Date(watermark.getTime() - RESCAN_MS)
  const { counted, latest } = await countClosedCases(tx, workspace, since, BATCH)
  if (latest && latest > watermark) await saveWatermark(tx, workspace, CLOSED_JOB, latest)
  return counted
}

/** One batch of newly closed cases counted into the recovery funnel; returns how many. */
async function countFunnelBatch(tx: Db, workspace: string): Promise<number> {
  const watermark = await lockWatermark(tx, workspace, FUNNEL_JOB)
  const since = new Date(watermark.getTime() - RESCAN_MS)
  const { counted, latest } = await countFunnelCases(tx, workspace, since, BATCH)
  if (latest && latest > watermark) await saveWatermark(tx, workspace, FUNNEL_JOB, latest)
  return counted
}

/** Records that what arrived before `startedAt` is counted: the figures' as-of time. */
async function markRefreshed(tx: Db, workspace: string, startedAt: Date): Promise<void> {
  const asOf = await lockWatermark(tx, workspace, REFRESHED_JOB)
  if (startedAt > asOf) await saveWatermark(tx, workspace, REFRESHED_JOB, startedAt)
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
