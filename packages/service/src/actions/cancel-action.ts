import type { ActionRow, ActionStatus } from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { changeAction } from './change-action.js'

/** Only actions no worker has started on can be cancelled; a send in flight cannot be recalled. */
const CANCELLABLE: readonly ActionStatus[] = ['pending', 'failed']

/**
 * Cancels a pending (or failed, waiting for a retry) ledger action: it stays in the ledger
 * as `cancelled`, its step counts as done, and the cancellation is audited.
 */
export async function cancelAction(
  ctx: ServiceContext,
  actor: Actor,
  actionId: string,
  reason: string,
): Promise<ActionRow> {
  return changeAction(ctx, actor, actionId, {
    audit: 'action.cancelled',
    details: { reason },
    apply: async (tx, current) => {
      if (!CANCELLABLE.includes(current.status)) {
        throw new ServiceError(
          'conflict',
          `action ${actionId} is ${current.status} and cannot be cancelled`,
          { hint: `only ${CANCELLABLE.join(' or ')} actions can be cancelled` },
        )
      }
      return tx.db
        .updateTable('dunning_actions')
        .set({
          status: 'cancelled',
          completed_at: tx.now?.() ?? new Date(),
          next_attempt_at: null,
          detail: `cancelled by ${actor.username}: ${reason}`,
        })
        .where('workspace_id', '=', tx.workspace)
        .where('id', '=', actionId)
        .returningAll()
        .executeTakeFirstOrThrow()
    },
  })
}
