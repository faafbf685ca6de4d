import { setTimeout as sleep } from 'node:timers/promises'
import { actionsDecidedTotal, type ServiceContext } from '@dun/service'
import type { Logger } from '../ops/logger.js'
import { schedulerTick } from './tick.js'

export interface SchedulerOptions {
  readonly ctx: ServiceContext
  /** Pause between passes that found nothing more to do (default 1 s). */
  readonly intervalMs?: number
  readonly batchSize?: number
  readonly logger: Logger
  /** Abort to stop: the batch in hand is finished and committed first. */
  readonly signal: AbortSignal
  /** The scheduler's clock (tests drive it). */
  readonly clock?: () => Date
}

/**
 * The scheduler loop: a pass over every due customer, then a pause, until the signal.
 * A failed pass is logged and tried again after the pause: the customers it held stay
 * due, so nothing is lost.
 */
export function startScheduler(options: SchedulerOptions): { stopped: Promise<void> } {
  const { ctx, logger, signal } = options
  const intervalMs = options.intervalMs ?? 1000
  const clock = options.clock ?? (() => new Date())
  const stopped = (async () => {
    logger.info({ intervalMs, batchSize: options.batchSize }, 'scheduler started')
    while (!signal.aborted) {
      try {
        const summary = await schedulerTick(ctx, clock(), {
          signal,
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
        })
        for (const failure of summary.failures) {
          logger.error(failure, 'a customer could not be evaluated; postponed until retryAt')
        }
        if (summary.customers > 0) {
          logger.info(
            {
              customers: summary.customers,
              casesOpened: summary.casesOpened,
              casesClosed: summary.casesClosed,
              actionsDecided: actionsDecidedTotal(summary),
              actionsSkipped: summary.actionsSkipped,
            },
            'scheduler pass',
          )
        }
      } catch (error) {
        logger.error(
          { err: error },
          'scheduler pass failed; the customers stay due and are retried',
        )
      }
      await sleep(intervalMs, undefined, { signal }).catch(() => undefined)
    }
    logger.info('scheduler stopped')
  })()
  return { stopped }
}
