import { appendAudit, type ActionRow } from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { isUuid } from '../ids.js'

/** A person's change to one ledger action (cancel, retry a dead letter, complete a task). */
export interface ActionChange {
  /** The audit log's name for it: `action.cancelled`. */
  readonly audit: string
  /** What the audit entry records besides the step, the invoice and the status before. */
  readonly details?: Record<string, unknown>
  /**
   * Makes the change through `tx`, whose `db` is the open transaction holding the row
   * locked; throws a `conflict` when the row's status does not allow it.
   */
  readonly apply: (tx: ServiceContext, current: ActionRow) => Promise<ActionRow>
}

/**
 * Locks the action, applies the change and audits it in one transaction: a refused change
 * leaves neither a change nor an audit entry. Unknown (or malformed) ids are `not_found`.
 */
export async function changeAction(
  ctx: ServiceContext,
  actor: Actor,
  actionId: string,
  change: ActionChange,
): Promise<ActionRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = isUuid(actionId)
      ? await trx
          .selectFrom('dunning_actions')
          .selectAll()
          .where('workspace_id', '=', ctx.workspace)
          .where('id', '=', actionId)
          .forUpdate()
          .executeTakeFirst()
      : undefined
    if (!current) {
      throw new ServiceError('not_found', `no action with id ${actionId}`, {
        field: 'actionId',
        hint: 'list actions with GET /v1/actions?status=… or tasks with GET /v1/tasks',
      })
    }
    const changed = await change.apply({ ...ctx, db: trx }, current)
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: change.audit,
      subjectType: 'dunning_action',
      subjectId: actionId,
      details: {
        step: current.step_id,
        invoice: current.invoice_id,
        from: current.status,
        ...change.details,
      },
    })
    return changed
  })
}
