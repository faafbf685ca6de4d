import { completeHumanAction, requeueAction, type ActionRow } from '@dun/store'
import { ServiceError, type ServiceContext } from '@dun/service'

/**
 * Sends a dead letter (or an action surfaced for review) back to the outbox, for the API
 * and operators. Throws `conflict` when the action is not dead or in review.
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

/** A person finished a call or task. Throws `conflict` when the action is not awaiting one. */
export async function completeTask(
  ctx: ServiceContext,
  actionId: string,
  note: string | null,
): Promise<ActionRow> {
  const row = await completeHumanAction(
    ctx.db,
    ctx.workspace,
    actionId,
    ctx.now?.() ?? new Date(),
    note,
  )
  if (!row) {
    throw new ServiceError(
      'conflict',
      `action ${actionId} is not a call or task awaiting a person`,
      {
        field: 'action_id',
        hint: 'only actions with status awaiting_person can be completed',
      },
    )
  }
  return row
}
