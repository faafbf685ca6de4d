import { requeueAction, type ActionRow } from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { changeAction } from './change-action.js'

/**
 * Sends a dead letter (or an action surfaced for review) back to the outbox. Throws
 * `conflict` when the action is not dead or in review. Not audited: `retryAction` is.
 */
export async function retryDeadLetter(ctx: ServiceContext, actionId: string): Promise<ActionRow> {
  const row = await requeueAction(ctx.db, ctx.workspace, actionId)
  if (!row) {
    throw new ServiceError('conflict', `action ${actionId} is not a dead letter or in review`, {
      field: 'action_id',
      hint: 'only actions with status dead or review can be retried; list them with status=dead',
    })
  }
  return row
}

/** A person retries a dead letter: requeued and audited in one transaction (API, editor). */
export async function retryAction(
  ctx: ServiceContext,
  actor: Actor,
  actionId: string,
): Promise<ActionRow> {
  return changeAction(ctx, actor, actionId, {
    audit: 'action.retried',
    apply: (tx) => retryDeadLetter(tx, actionId),
  })
}
