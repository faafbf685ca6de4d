import type { ServiceContext } from '@dun/service'
import {
  claimDeliverable,
  findDeliveryTargets,
  markSending,
  recordOutcomes,
  surfaceStaleSending,
  type ActionRow,
  type OutcomeRecord,
} from '@dun/store'
import { DeliveryError } from '../channels/message.js'
import { metrics } from '../ops/metrics.js'
import type { Logger } from '../ops/logger.js'
import { sendToBilling } from './billing-action.js'
import type { DeliveryDeps } from './deps.js'
import { deliverNotifications, needsSendingMark } from './notify.js'
import { outcomeOf } from './outcome.js'
import { retryPayment } from './payment-retry.js'
import { planRow, rowOf, type PlannedRow } from './plan-row.js'
import type { RowResult } from './row-result.js'

export interface DeliverySummary {
  claimed: number
  sent: number
  awaitingPerson: number
  skipped: number
  failed: number
  dead: number
  /** Rows found stuck in `sending` past the lease and surfaced for review. */
  review: number
}

export interface PassOptions {
  /** Stops between batches (the batch in hand is finished and recorded). */
  readonly signal?: AbortSignal
}

/**
 * One drain of the outbox at `now`: surface rows stuck mid-send, then claim batches of due
 * rows (short statements), deliver each batch outside any transaction, and record the
 * outcomes in one short transaction per batch — until nothing is due.
 */
export async function runDeliveryPass(
  ctx: ServiceContext,
  now: Date,
  deps: DeliveryDeps,
  { signal }: PassOptions = {},
): Promise<DeliverySummary> {
  const summary: DeliverySummary = {
    claimed: 0,
    sent: 0,
    awaitingPerson: 0,
    skipped: 0,
    failed: 0,
    dead: 0,
    review: 0,
  }
  const stale = new Date(now.getTime() - deps.leaseMs)
  const surfaced = await surfaceStaleSending(ctx.db, ctx.workspace, stale)
  summary.review = surfaced.length
  if (surfaced.length > 0)
    metrics.deliveries.inc({ channel: 'email', outcome: 'review' }, surfaced.length)
  while (!signal?.aborted) {
    const rows = await claimDeliverable(ctx.db, ctx.workspace, {
      now,
      limit: deps.batchSize,
      leaseUntil: new Date(now.getTime() + deps.leaseMs),
    })
    if (rows.length === 0) break
    summary.claimed += rows.length
    const outcomes = await deliverBatch(rows, ctx, deps, now)
    await ctx.db.transaction().execute((trx) => recordOutcomes(trx, ctx.workspace, outcomes))
    for (const record of outcomes) count(summary, record)
    observe(rows, outcomes)
  }
  return summary
}

async function deliverBatch(
  rows: readonly ActionRow[],
  ctx: ServiceContext,
  deps: DeliveryDeps,
  now: Date,
): Promise<OutcomeRecord[]> {
  const targets = await findDeliveryTargets(ctx.db, ctx.workspace, rows)
  const planned = rows.map((row) => planRow(row, targets))
  const notifyJobs = planned.flatMap((p) => (p.kind === 'notify' ? [p.job] : []))
  // Committed before any attempt: a crash mid-send leaves these rows in `sending`.
  const unsafe = notifyJobs.filter((job) => needsSendingMark(job, deps.channels))
  await markSending(
    ctx.db,
    ctx.workspace,
    unsafe.map((job) => job.row.id),
    now,
  )
  const results = await deliverNotifications(notifyJobs, ctx, deps, now)
  for (const item of planned) {
    if (item.kind !== 'notify')
      results.set(rowOf(item).id, await deliverOther(item, ctx, deps, now))
  }
  return rows.map((row) => outcomeOf(row, results.get(row.id)!, now, deps.retry))
}

async function deliverOther(
  item: Exclude<PlannedRow, { kind: 'notify' }>,
  ctx: ServiceContext,
  deps: DeliveryDeps,
  now: Date,
): Promise<RowResult> {
  if (item.kind === 'unreachable') {
    return { kind: 'error', error: item.error, record: { channels: {} } }
  }
  try {
    return item.kind === 'payment'
      ? await retryPayment(
          item.row,
          item.action,
          item.customer,
          item.invoice,
          item.record,
          ctx,
          deps,
          now,
        )
      : await sendToBilling(item.row, item.action, item.record, ctx, deps, now)
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError((error as Error).message)
    return { kind: 'error', error: failure, record: item.record }
  }
}

function count(summary: DeliverySummary, { outcome }: OutcomeRecord): void {
  switch (outcome.status) {
    case 'sent':
      summary.sent++
      return
    case 'awaiting_person':
      summary.awaitingPerson++
      return
    case 'skipped':
      summary.skipped++
      return
    case 'failed':
      summary.failed++
      return
    case 'dead':
      summary.dead++
      return
  }
}

function observe(rows: readonly ActionRow[], outcomes: readonly OutcomeRecord[]): void {
  const finished = Date.now()
  outcomes.forEach((record, index) => {
    const row = rows[index]!
    const channel = row.action.type === 'notify' ? row.action.channels.join('+') : row.action_type
    const labels = { channel, outcome: record.outcome.status }
    metrics.deliveries.inc(labels)
    metrics.deliveryLatency.observe(labels, Math.max(0, finished - row.decided_at.getTime()) / 1000)
  })
}

export interface StartDeliveryOptions {
  readonly ctx: ServiceContext
  readonly deps: DeliveryDeps
  readonly intervalMs: number
  readonly logger: Logger
  readonly signal: AbortSignal
}

/**
 * The delivery worker loop: a pass every `intervalMs` at the current time. On abort it
 * finishes the batch in hand, records it, and resolves `stopped`.
 */
export function startDelivery({ ctx, deps, intervalMs, logger, signal }: StartDeliveryOptions): {
  stopped: Promise<void>
} {
  const stopped = (async () => {
    while (!signal.aborted) {
      try {
        const summary = await runDeliveryPass(ctx, ctx.now?.() ?? new Date(), deps, { signal })
        if (summary.claimed > 0 || summary.review > 0)
          logger.info({ delivery: summary }, 'delivery pass')
        if (summary.review > 0) {
          logger.warn({ review: summary.review }, 'actions caught mid-send by a crash need review')
        }
      } catch (error) {
        logger.error({ err: error }, 'delivery pass failed; retrying next interval')
      }
      await pause(intervalMs, signal)
    }
  })()
  return { stopped }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
