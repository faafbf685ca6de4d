import { describeAction } from '@dun/engine'
import { countCasesByState, listActions, listTasks, type ServiceContext } from '@dun/service'
import type { ActionRow } from '@dun/store'

export interface ActionView {
  readonly id: string
  readonly stepId: string
  readonly what: string
  readonly customerId: string
  readonly invoiceId: string
  readonly status: ActionRow['status']
  readonly scheduledAt: string
  /** When it was last tried or completed; null while nobody has touched it. */
  readonly lastAt: string | null
  readonly attempts: number
  readonly detail: string | null
}

export interface RunnerStatus {
  readonly at: string
  readonly casesByState: Readonly<Record<string, number>>
  readonly dueToday: readonly ActionView[]
  readonly recent: readonly ActionView[]
  readonly deadLetters: readonly ActionView[]
  readonly tasks: readonly ActionView[]
}

function view(row: ActionRow): ActionView {
  const last = row.last_attempt_at ?? row.completed_at
  return {
    id: row.id,
    stepId: row.step_id,
    what: describeAction(row.action),
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    status: row.status,
    scheduledAt: row.scheduled_at.toISOString(),
    lastAt: last?.toISOString() ?? null,
    attempts: row.attempts,
    detail: row.detail,
  }
}

/** The end of the current UTC day: "due today" for an operator reading the page now. */
function endOfDay(now: Date): Date {
  const end = new Date(now)
  end.setUTCHours(23, 59, 59, 999)
  return end
}

/** Deliveries and failures, newest attempt first (the service lists oldest scheduled first). */
async function recentDeliveries(ctx: ServiceContext, limit: number): Promise<ActionRow[]> {
  return ctx.db
    .selectFrom('dunning_actions')
    .selectAll()
    .where('workspace_id', '=', ctx.workspace)
    .where('status', 'in', ['sent', 'failed'])
    .orderBy((eb) => eb.fn.coalesce('last_attempt_at', 'completed_at', 'scheduled_at'), 'desc')
    .limit(limit)
    .execute()
}

/** What the runner page shows, read live from the database through the service's queries. */
export async function runnerStatus(ctx: ServiceContext, now = new Date()): Promise<RunnerStatus> {
  const end = endOfDay(now).getTime()
  const [casesByState, pending, recent, deadLetters, tasks] = await Promise.all([
    countCasesByState(ctx),
    listActions(ctx, { status: ['pending'], limit: 500 }),
    recentDeliveries(ctx, 20),
    listActions(ctx, { status: ['dead', 'review'], limit: 50 }),
    listTasks(ctx, { limit: 50 }),
  ])
  return {
    at: now.toISOString(),
    casesByState,
    dueToday: pending.filter((row) => row.scheduled_at.getTime() <= end).map(view),
    recent: recent.map(view),
    deadLetters: deadLetters.map(view),
    tasks: tasks.map(view),
  }
}
