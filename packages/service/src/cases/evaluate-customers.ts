import { claimDueCustomers, lockCustomers, setNextActions } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { evaluateBatch, type BatchOptions } from './evaluate-batch.js'
import { addSummaries, EMPTY_SUMMARY, type EvaluationSummary } from './summary.js'

export type EvaluateCustomersOptions = BatchOptions

/**
 * Evaluates these customers right away, in one transaction, as the scheduler would (after
 * an event, say). Waits for a scheduler that holds one of them, so a customer is never
 * evaluated twice at once.
 */
export async function evaluateCustomers(
  ctx: ServiceContext,
  customerIds: readonly string[],
  now: Date,
  options: EvaluateCustomersOptions = {},
): Promise<EvaluationSummary> {
  const ids = [...new Set(customerIds)].sort()
  return withDeadlockRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockCustomers(trx, ctx.workspace, ids)
      return evaluateBatch(trx, ctx.workspace, ids, now, options)
    }),
  )
}

export interface SchedulerPassOptions {
  /** Customers claimed per transaction (default 200). */
  readonly batchSize?: number
  /** Claim loops run side by side (default 2; each holds a connection while it works). */
  readonly concurrency?: number
  /** Stops after the batch in hand once aborted. */
  readonly signal?: AbortSignal
  /** Called after each committed batch, with how long it took (claim, evaluate, write). */
  readonly onBatch?: (batch: EvaluationSummary, seconds: number) => void
}

export const DEFAULT_BATCH_SIZE = 200
export const DEFAULT_CONCURRENCY = 2

/**
 * One scheduler pass at `now`: claims due customers with `FOR UPDATE SKIP LOCKED`, a batch
 * per transaction, evaluates and commits each, until none is due. Runner replicas share
 * the work; a crash mid-batch rolls it back and the customers stay due for the others.
 */
export async function runSchedulerPass(
  ctx: ServiceContext,
  now: Date,
  options: SchedulerPassOptions = {},
): Promise<EvaluationSummary> {
  // Claim loops side by side on separate connections: while one batch waits on the
  // database, another is evaluated. SKIP LOCKED keeps them apart like separate replicas.
  const loops = Array.from({ length: options.concurrency ?? DEFAULT_CONCURRENCY }, () =>
    drain(ctx, now, options),
  )
  return (await Promise.all(loops)).reduce(addSummaries, EMPTY_SUMMARY)
}

async function drain(
  ctx: ServiceContext,
  now: Date,
  options: SchedulerPassOptions,
): Promise<EvaluationSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  let total = EMPTY_SUMMARY
  while (!options.signal?.aborted) {
    const started = performance.now()
    let claimed: string[] = []
    const batch = await withDeadlockRetry(() =>
      ctx.db.transaction().execute(async (trx) => {
        claimed = await claimDueCustomers(trx, ctx.workspace, now, batchSize)
        return claimed.length === 0 ? null : evaluateBatch(trx, ctx.workspace, claimed, now)
      }),
    ).catch((error: unknown) =>
      // The batch rolled back: find the customer that broke it rather than stall on it.
      claimed.length > 0 ? evaluateOneByOne(ctx, claimed, now) : Promise.reject(error),
    )
    if (batch === null) break
    options.onBatch?.(batch, (performance.now() - started) / 1000)
    total = addSummaries(total, batch)
  }
  return total
}

const FAILURE_RETRY_MS = 15 * 60_000

/**
 * Each customer of a failed batch in its own transaction: the others are decided as
 * usual; one that fails alone is postponed and reported (logs, metrics), so a single
 * broken customer never holds back everyone due after it.
 */
async function evaluateOneByOne(
  ctx: ServiceContext,
  customerIds: readonly string[],
  now: Date,
): Promise<EvaluationSummary> {
  let total: EvaluationSummary = { ...EMPTY_SUMMARY, batches: 1 }
  for (const id of customerIds) {
    try {
      const one = await withDeadlockRetry(() =>
        ctx.db.transaction().execute(async (trx) => {
          const mine = await claimDueCustomers(trx, ctx.workspace, now, 1, [id])
          return mine.length === 0 ? null : evaluateBatch(trx, ctx.workspace, mine, now)
        }),
      )
      if (one) total = addSummaries(total, { ...one, batches: 0 })
    } catch (error) {
      const retryAt = new Date(now.getTime() + FAILURE_RETRY_MS)
      // Only while still due and unclaimed: another claim loop that met the same customer
      // may have postponed (and reported) it already.
      const postponed = await ctx.db.transaction().execute(async (trx) => {
        const mine = await claimDueCustomers(trx, ctx.workspace, now, 1, [id])
        if (mine.length > 0)
          await setNextActions(trx, ctx.workspace, [{ customerId: id, at: retryAt }], now)
        return mine.length > 0
      })
      if (!postponed) continue
      const message = error instanceof Error ? error.message : String(error)
      total = addSummaries(total, {
        ...EMPTY_SUMMARY,
        failures: [{ customerId: id, message, retryAt }],
      })
    }
  }
  return total
}

// A write-off updates an invoice while an event may hold it and wait for the customer's
// schedule row: PostgreSQL breaks such a deadlock by aborting one side, which is retried.
const RETRYABLE = new Set(['40P01', '40001'])
const ATTEMPTS = 3

async function withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error
    }
  }
}
