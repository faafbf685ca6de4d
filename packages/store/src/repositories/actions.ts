import { sql } from 'kysely'
import type { Action } from '@dun/engine'
import type { Db } from '../database.js'
import type { ActionStatus } from '../tables/actions.table.js'

/** One decision for the ledger: a due action (`pending`) or a deliberately skipped one. */
export interface LedgerEntry {
  readonly caseId: string
  readonly customerId: string
  readonly invoiceId: string
  readonly stepId: string
  readonly action: Action
  readonly status: Extract<ActionStatus, 'pending' | 'skipped'>
  readonly scheduledAt: Date
  readonly decidedAt: Date
  /** Why a step was skipped (`opted_out: …`); null for due actions. */
  readonly detail: string | null
}

/** The key that makes a step of a case exist at most once in the ledger. */
export function idempotencyKey(caseId: string, stepId: string): string {
  return `${caseId}/${stepId}`
}

/**
 * Appends decisions to the ledger in one statement. A step already decided (same
 * idempotency key) is left as it is: deciding twice never acts twice. Returns the keys
 * actually inserted.
 */
export async function insertLedgerEntries(
  db: Db,
  workspace: string,
  entries: readonly LedgerEntry[],
): Promise<Set<string>> {
  if (entries.length === 0) return new Set()
  const rows = JSON.stringify(
    entries.map((e) => ({
      case_id: e.caseId,
      customer_id: e.customerId,
      invoice_id: e.invoiceId,
      step_id: e.stepId,
      action: e.action,
      action_type: e.action.type,
      status: e.status,
      idempotency_key: idempotencyKey(e.caseId, e.stepId),
      scheduled_at: e.scheduledAt.toISOString(),
      decided_at: e.decidedAt.toISOString(),
      completed_at: e.status === 'skipped' ? e.decidedAt.toISOString() : null,
      detail: e.detail,
    })),
  )
  const result = await sql<{ idempotency_key: string }>`
    insert into dunning_actions (workspace_id, case_id, customer_id, invoice_id, step_id, action,
      action_type, status, idempotency_key, scheduled_at, decided_at, completed_at, detail)
    select ${workspace}, v.case_id, v.customer_id, v.invoice_id, v.step_id, v.action,
      v.action_type, v.status, v.idempotency_key, v.scheduled_at, v.decided_at, v.completed_at,
      v.detail
    from jsonb_to_recordset(${rows}::jsonb) as v(case_id uuid, customer_id text, invoice_id text,
      step_id text, action jsonb, action_type text, status text, idempotency_key text,
      scheduled_at timestamptz, decided_at timestamptz, completed_at timestamptz, detail text)
    on conflict (workspace_id, idempotency_key) do nothing
    returning idempotency_key`.execute(db)
  return new Set(result.rows.map((r) => r.idempotency_key))
}

/** A contact made (or about to be made) with a customer, as the ledger knows it. */
export interface LedgerContact {
  readonly customerId: string
  readonly invoiceId: string
  readonly stepId: string
  readonly action: Action
  readonly decidedAt: Date
}

// Statuses of contacts that happened or will happen: a pending decision counts against the
// caps, so a slow delivery never lets a second message through.
const NOT_CONTACTS: readonly ActionStatus[] = ['skipped', 'cancelled', 'dead']

/**
 * The customers' contacts (notify and call actions) decided after `since`, plus each
 * customer's latest contact before it (the engine's "since last contact" needs it).
 */
export async function findContacts(
  db: Db,
  workspace: string,
  customerIds: readonly string[],
  since: Date,
): Promise<LedgerContact[]> {
  if (customerIds.length === 0) return []
  const contacts = () =>
    db
      .selectFrom('dunning_actions')
      .select(['customer_id', 'invoice_id', 'step_id', 'action', 'decided_at'])
      .where('workspace_id', '=', workspace)
      .where(sql<boolean>`customer_id = any(${[...customerIds]}::text[])`)
      .where('action_type', 'in', ['notify', 'call'])
      .where('status', 'not in', NOT_CONTACTS)
  const rows = await contacts()
    .where('decided_at', '>', since)
    .unionAll(
      db
        .selectFrom(
          contacts()
            .distinctOn('customer_id')
            .where('decided_at', '<=', since)
            .orderBy('customer_id')
            .orderBy('decided_at', 'desc')
            .as('latest'),
        )
        .selectAll(),
    )
    .execute()
  return rows.map((row) => ({
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    stepId: row.step_id,
    action: row.action,
    decidedAt: row.decided_at,
  }))
}
