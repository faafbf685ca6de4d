import type { OutcomeRecord } from '@dun/store'
import type { ActionRow } from '@dun/store'
import { nextAttemptAt } from './backoff.js'
import type { RetryPolicy } from './deps.js'
import type { RowResult } from './row-result.js'

/**
 * Turns a row's result into what the ledger records: done rows keep their status; a
 * failure is retried with backoff until the attempts run out (or at once, when retrying
 * cannot help), then becomes a dead letter carrying the last error.
 */
export function outcomeOf(
  row: ActionRow,
  result: RowResult,
  now: Date,
  retry: RetryPolicy,
): OutcomeRecord {
  if (result.kind === 'done') {
    return {
      id: row.id,
      outcome: { status: result.status, at: now },
      providerResponse: result.record,
      detail: result.detail,
    }
  }
  const { error } = result
  if (error.permanent || row.attempts >= retry.maxAttempts) {
    const why = error.permanent ? 'retrying cannot fix this' : `${row.attempts} attempts failed`
    return {
      id: row.id,
      outcome: { status: 'dead', at: now },
      providerResponse: result.record,
      detail: `${error.message} (${why})`,
    }
  }
  return {
    id: row.id,
    outcome: { status: 'failed', at: now, nextAttemptAt: nextAttemptAt(row.attempts, now, retry) },
    providerResponse: result.record,
    detail: `${error.message} (attempt ${row.attempts} of ${retry.maxAttempts})`,
  }
}
