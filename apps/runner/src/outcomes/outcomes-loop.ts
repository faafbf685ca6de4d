import { setTimeout as sleep } from 'node:timers/promises'
import { refreshOutcomes, type ServiceContext } from '@dun/service'
import type { Logger } from '../ops/logger.js'
import { outcomesMetrics } from './outcomes-metrics.js'

export interface OutcomesJobOptions {
  readonly ctx: ServiceContext
  /** Pause between runs (DUN_OUTCOMES_INTERVAL_MS, 60 s by default). */
  readonly intervalMs: number
  readonly logger: Logger
  /** Abort to stop: the run in hand finishes its batches first. */
  readonly signal: AbortSignal
  /** One run of the job; returns how many payments it attributed (tests stand in for it). */
  readonly refresh?: (ctx: ServiceContext) => Promise<number>
}

/**
 * The outcomes job on a timer: attributes new payments and brings the outcome rollups up
 * to date at start and then every interval, so the figures are current without anyone
 * reading them. A failed run is logged and retried at the next tick; each batch commits
 * on its own, so whatever a failed run finished stays counted and is not counted twice.
 */
export function startOutcomesJob(options: OutcomesJobOptions): { stopped: Promise<void> } {
  const { ctx, intervalMs, logger, signal } = options
  const refresh = options.refresh ?? ((c: ServiceContext) => refreshOutcomes(c))
  const stopped = (async () => {
    logger.info({ intervalMs }, 'outcomes job started')
    while (!signal.aborted) {
      await runOnce(ctx, refresh, logger)
      await sleep(intervalMs, undefined, { signal }).catch(() => undefined)
    }
    logger.info('outcomes job stopped')
  })()
  return { stopped }
}

async function runOnce(
  ctx: ServiceContext,
  refresh: (ctx: ServiceContext) => Promise<number>,
  logger: Logger,
): Promise<void> {
  const started = performance.now()
  try {
    const attributed = await refresh(ctx)
    const seconds = (performance.now() - started) / 1000
    outcomesMetrics.runs.inc({ result: 'ok' })
    outcomesMetrics.duration.observe(seconds)
    outcomesMetrics.paymentsAttributed.inc(attributed)
    if (attributed > 0) logger.info({ attributed, seconds }, 'outcomes job run')
  } catch (error) {
    outcomesMetrics.runs.inc({ result: 'failed' })
    outcomesMetrics.duration.observe((performance.now() - started) / 1000)
    logger.error(
      { err: error },
      'outcomes job run failed; payments not yet attributed are retried at the next run',
    )
  }
}
