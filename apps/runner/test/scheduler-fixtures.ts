import type { Kysely } from 'kysely'
import type { Database } from '@dun/store'
import {
  requestPublish,
  saveVersion,
  upsertCustomers,
  upsertInvoices,
  type CustomerInput,
  type InvoiceInput,
  type ServiceContext,
} from '@dun/service'

/** Shared by the scheduler's tests: publish a policy, load live data, read the ledger back. */
export async function publishPolicy(ctx: ServiceContext, source: string): Promise<string> {
  const actor = { username: 'ada', role: 'admin' } as const
  const version = await saveVersion(ctx, actor, { source })
  await requestPublish(ctx, actor, version.id)
  return version.id
}

const CHUNK = 1000

/** Upserts in chunks: one statement per chunk stays under PostgreSQL's parameter limit. */
export async function seedLive(
  ctx: ServiceContext,
  customers: readonly CustomerInput[],
  invoices: readonly InvoiceInput[],
): Promise<void> {
  for (let i = 0; i < customers.length; i += CHUNK) {
    await upsertCustomers(ctx, customers.slice(i, i + CHUNK))
  }
  for (let i = 0; i < invoices.length; i += CHUNK) {
    await upsertInvoices(ctx, invoices.slice(i, i + CHUNK))
  }
}

export interface LedgerLine {
  readonly invoiceId: string
  readonly stepId: string
  readonly actionType: string
  readonly status: string
  readonly scheduledAt: number
  readonly decidedAt: number
}

export async function readLedger(db: Kysely<Database>): Promise<LedgerLine[]> {
  const rows = await db
    .selectFrom('dunning_actions')
    .select(['invoice_id', 'step_id', 'action_type', 'status', 'scheduled_at', 'decided_at'])
    .execute()
  return rows.map((r) => ({
    invoiceId: r.invoice_id,
    stepId: r.step_id,
    actionType: r.action_type,
    status: r.status,
    scheduledAt: r.scheduled_at.getTime(),
    decidedAt: r.decided_at.getTime(),
  }))
}
