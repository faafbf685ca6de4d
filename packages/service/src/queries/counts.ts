import type { ServiceContext } from '../context.js'

/** Cases per state (open, paused, closed…), for `dun cases` and the metrics gauge. */
export async function countCasesByState(ctx: ServiceContext): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('dunning_cases')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', ctx.workspace)
    .groupBy('state')
    .orderBy('state')
    .execute()
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]))
}

export interface ActionCount {
  readonly type: string
  readonly status: string
  readonly count: number
}

/** Ledger rows per action type and status, for the metrics gauge. */
export async function countActionsByStatus(ctx: ServiceContext): Promise<ActionCount[]> {
  const rows = await ctx.db
    .selectFrom('dunning_actions')
    .select(['action_type', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', ctx.workspace)
    .groupBy(['action_type', 'status'])
    .orderBy('action_type')
    .orderBy('status')
    .execute()
  return rows.map((row) => ({ type: row.action_type, status: row.status, count: Number(row.n) }))
}

/** Live invoices stored: `dun import --if-empty` imports only into an empty database. */
export async function countInvoices(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('invoices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', ctx.workspace)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
