import { runSchedulerPass, type EvaluationSummary, type ServiceContext } from '@dun/service'
import { metrics } from '../ops/metrics.js'

export interface TickOptions {
  readonly batchSize?: number
  /** Stops after the batch in hand once aborted. */
  readonly signal?: AbortSignal
}

/**
 * One scheduler pass at `now`, recorded in the runner's metrics batch by batch: the loop
 * and `dun runner tick` both go through here, so /metrics counts them alike.
 */
export function schedulerTick(
  ctx: ServiceContext,
  now: Date,
  options: TickOptions = {},
): Promise<EvaluationSummary> {
  return runSchedulerPass(ctx, now, {
    ...options,
    onBatch: (batch, seconds) => {
      metrics.tickDuration.observe(seconds)
      metrics.customersEvaluated.inc(batch.customers)
      for (const [type, count] of Object.entries(batch.actionsDecided)) {
        metrics.actionsDecided.inc({ type }, count)
      }
    },
  })
}
