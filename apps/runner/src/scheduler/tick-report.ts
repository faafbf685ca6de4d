import { actionsDecidedTotal, type EvaluationSummary } from '@dun/service'
import type { DeliverySummary } from '../delivery/worker.js'

/** `dun runner tick`'s summary, for people: what the scheduler decided, what was delivered. */
export function describeTick(
  now: Date,
  scheduler: EvaluationSummary,
  seconds: number,
  delivery: DeliverySummary | null,
): string {
  const byType = Object.entries(scheduler.actionsDecided)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ')
  const lines = [
    `tick at ${now.toISOString()}`,
    `  scheduler: ${scheduler.customers} customers in ${scheduler.batches} batches, ` +
      `${scheduler.casesOpened} cases opened, ${scheduler.casesClosed} closed, ` +
      `${actionsDecidedTotal(scheduler)} actions decided${byType ? ` (${byType})` : ''}, ` +
      `${scheduler.actionsSkipped} skipped, in ${seconds.toFixed(2)} s`,
  ]
  for (const failure of scheduler.failures) {
    lines.push(
      `  customer ${failure.customerId} could not be evaluated (${failure.message}); retried at ${failure.retryAt.toISOString()}`,
    )
  }
  lines.push(
    delivery === null
      ? '  delivery: not run (--no-delivery)'
      : `  delivery: ${delivery.claimed} claimed, ${delivery.sent} sent, ${delivery.awaitingPerson} awaiting a person, ` +
          `${delivery.skipped} skipped, ${delivery.failed} failed, ${delivery.dead} dead, ${delivery.review} to review`,
  )
  return lines.join('\n') + '\n'
}
