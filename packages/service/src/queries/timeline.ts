import type { ActionRow, CaseRow, InvoiceRow, PaymentEventRow } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { isUuid } from '../ids.js'

/** Everything that happened in one case, in time order: what came in and what was decided. */
export interface CaseTimeline {
  readonly case: CaseRow
  readonly invoice: InvoiceRow
  readonly entries: readonly TimelineEntry[]
}

export type TimelineEntry =
  | { readonly kind: 'opened'; readonly at: Date; readonly policyVersionId: string }
  | { readonly kind: 'event'; readonly at: Date; readonly event: PaymentEventRow }
  | { readonly kind: 'action'; readonly at: Date; readonly action: ActionRow }
  | { readonly kind: 'closed'; readonly at: Date; readonly state: string }

export async function caseTimeline(ctx: ServiceContext, caseId: string): Promise<CaseTimeline> {
  const row = isUuid(caseId)
    ? await ctx.db
        .selectFrom('dunning_cases')
        .selectAll()
        .where('workspace_id', '=', ctx.workspace)
        .where('id', '=', caseId)
        .executeTakeFirst()
    : undefined
  if (!row) {
    throw new ServiceError('not_found', `no case with id ${caseId}`, {
      field: 'caseId',
      hint: 'list a customer’s cases with GET /v1/customers/{id}/cases',
    })
  }
  const [invoice, events, actions] = await Promise.all([
    ctx.db
      .selectFrom('invoices')
      .selectAll()
      .where('workspace_id', '=', ctx.workspace)
      .where('id', '=', row.invoice_id)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('payment_events')
      .selectAll()
      .where('workspace_id', '=', ctx.workspace)
      .where('invoice_id', '=', row.invoice_id)
      .where('at', '>=', row.opened_at)
      .$if(row.closed_at !== null, (q) => q.where('at', '<=', row.closed_at!))
      .orderBy('at')
      .execute(),
    ctx.db
      .selectFrom('dunning_actions')
      .selectAll()
      .where('workspace_id', '=', ctx.workspace)
      .where('case_id', '=', row.id)
      .orderBy('scheduled_at')
      .execute(),
  ])
  const entries: TimelineEntry[] = [
    { kind: 'opened', at: row.opened_at, policyVersionId: row.policy_version_id },
    ...events.map((event) => ({ kind: 'event' as const, at: event.at, event })),
    ...actions.map((action) => ({ kind: 'action' as const, at: action.scheduled_at, action })),
    ...(row.closed_at ? [{ kind: 'closed' as const, at: row.closed_at, state: row.state }] : []),
  ]
  entries.sort((a, b) => a.at.getTime() - b.at.getTime())
  return { case: row, invoice, entries }
}

/** A customer's cases, newest first. */
export async function listCustomerCases(
  ctx: ServiceContext,
  customerId: string,
): Promise<CaseRow[]> {
  return ctx.db
    .selectFrom('dunning_cases')
    .selectAll()
    .where('workspace_id', '=', ctx.workspace)
    .where('customer_id', '=', customerId)
    .orderBy('opened_at', 'desc')
    .execute()
}
