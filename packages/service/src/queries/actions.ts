import { sql } from 'kysely'
import type { ActionRow, ActionStatus } from '@dun/store'
import type { ServiceContext } from '../context.js'

export interface ActionFilter {
  readonly status?: readonly ActionStatus[]
  readonly customerId?: string
  readonly caseId?: string
  readonly actionTypes?: readonly string[]
  /** Tasks for this role (`task "…" for "credit-control"`). */
  readonly assignee?: string
  readonly limit?: number
}

/** Ledger rows, oldest scheduled first, filtered by status, customer, case, type or assignee. */
export async function listActions(ctx: ServiceContext, filter: ActionFilter): Promise<ActionRow[]> {
  let query = ctx.db
    .selectFrom('dunning_actions')
    .selectAll()
    .where('workspace_id', '=', ctx.workspace)
  if (filter.status?.length) query = query.where('status', 'in', [...filter.status])
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId)
  if (filter.caseId !== undefined) query = query.where('case_id', '=', filter.caseId)
  if (filter.actionTypes?.length) {
    query = query.where('action_type', 'in', [...filter.actionTypes] as ActionRow['action_type'][])
  }
  if (filter.assignee !== undefined) {
    query = query.where(sql<string>`action->>'assignee'`, '=', filter.assignee)
  }
  return query
    .orderBy('scheduled_at')
    .orderBy('id')
    .limit(filter.limit ?? 100)
    .execute()
}
