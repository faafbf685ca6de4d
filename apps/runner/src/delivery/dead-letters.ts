import { completeHumanAction, type ActionRow } from '@dun/store'
import { ServiceError, type ServiceContext } from '@dun/service'

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
