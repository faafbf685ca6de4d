import { appendAudit, type ActionRow, type ActionStatus } from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'

/** Only actions no worker has started on can be cancelled; a send in flight cannot be recalled. */
const CANCELLABLE: readonly ActionStatus[] = ['pending', 'failed']

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

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
  return ctx.db.transaction().execute(async (trx) => {
    const current = UUID.test(actionId)
      ? await trx
          .selectFrom('dunning_actions')
          .selectAll()
          .where('workspace_id', '=', ctx.workspace)
          .where('id', '=', actionId)
          .forUpdate()
          .executeTakeFirst()
      : undefined
    if (!current) {
      throw new ServiceError('not_found', `no action with id ${actionId}`, { field: 'actionId' })
    }
    if (!CANCELLABLE.includes(current.status)) {
      throw new ServiceError(
        'conflict',
        `action ${actionId} is ${current.status} and cannot be cancelled`,
        {
          hint: `only ${CANCELLABLE.join(' or ')} actions can be cancelled`,
        },
      )
    }
    const cancelled = await trx
      .updateTable('dunning_actions')
      .set({
        status: 'cancelled',
        completed_at: ctx.now?.() ?? new Date(),
        next_attempt_at: null,
        detail: `cancelled by ${actor.username}: ${reason}`,
      })
      .where('workspace_id', '=', ctx.workspace)
      .where('id', '=', actionId)
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: 'action.cancelled',
      subjectType: 'dunning_action',
      subjectId: actionId,
      details: { step: current.step_id, invoice: current.invoice_id, reason },
    })
    return cancelled
  })
}
