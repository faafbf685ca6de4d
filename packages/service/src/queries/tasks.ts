import type { ActionRow } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { listActions } from './actions.js'

export interface TaskFilter {
  /** Only tasks for this role; calls carry no assignee, so this leaves them out. */
  readonly assignee?: string
  readonly customerId?: string
  readonly limit?: number
}

/** The task inbox: calls and tasks handed to a person and not completed yet, oldest first. */
export async function listTasks(ctx: ServiceContext, filter: TaskFilter): Promise<ActionRow[]> {
  return listActions(ctx, {
    status: ['awaiting_person'],
    actionTypes: filter.assignee === undefined ? ['call', 'task'] : ['task'],
    ...filter,
  })
}
