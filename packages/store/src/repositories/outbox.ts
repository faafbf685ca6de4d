import { sql } from 'kysely'
import type { Db } from '../database.js'
import type { ActionRow, ActionStatus } from '../tables/actions.table.js'
import type { CustomerRow } from '../tables/customers.table.js'
import type { InvoiceRow } from '../tables/invoices.table.js'
import type { NewOutboxMessageRow, OutboxMessageRow } from '../tables/outbox-messages.table.js'

/**
 * The ledger seen as an outbox. Delivery workers claim rows in short transactions and
 * deliver outside them; every function here is one short statement, so it is safe on the
 * embedded database's single shared session.
 */

export interface ClaimOptions {
  readonly now: Date
  readonly limit: number
  /** The claim holds the rows until then: a worker that dies lets them go after it. */
  readonly leaseUntil: Date
}

/**
 * Claims up to `limit` deliverable rows — `pending` or `failed`, due now — oldest first,
 * skipping rows another worker holds. The claim counts as an attempt and pushes
 * `next_attempt_at` to the lease's end, so no other worker claims them meanwhile.
 */
export async function claimDeliverable(
  db: Db,
  workspace: string,
  { now, limit, leaseUntil }: ClaimOptions,
): Promise<ActionRow[]> {
  return db
    .updateTable('dunning_actions')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: leaseUntil,
      last_attempt_at: now,
    }))
    .where('workspace_id', '=', workspace)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('dunning_actions')
        .select('id')
        .where('workspace_id', '=', workspace)
        .where('status', 'in', ['pending', 'failed'])
        .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)]))
        .orderBy('scheduled_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute()
}

export interface DeliveryTargets {
  readonly customers: ReadonlyMap<string, CustomerRow>
  readonly invoices: ReadonlyMap<string, InvoiceRow>
}

/**
 * The customers and invoices of a claimed batch, as they are now (opt-outs and balances
 * may have changed since the actions were decided). Two queries per batch.
 */
export async function findDeliveryTargets(
  db: Db,
  workspace: string,
  rows: readonly ActionRow[],
): Promise<DeliveryTargets> {
  const customerIds = [...new Set(rows.map((row) => row.customer_id))]
  const invoiceIds = [...new Set(rows.map((row) => row.invoice_id))]
  if (rows.length === 0) return { customers: new Map(), invoices: new Map() }
  const [customers, invoices] = await Promise.all([
    db
      .selectFrom('customers')
      .selectAll()
      .where('workspace_id', '=', workspace)
      .where('id', 'in', customerIds)
      .execute(),
    db
      .selectFrom('invoices')
      .selectAll()
      .where('workspace_id', '=', workspace)
      .where('id', 'in', invoiceIds)
      .execute(),
  ])
  return {
    customers: new Map(customers.map((row) => [row.id, row])),
    invoices: new Map(invoices.map((row) => [row.id, row])),
  }
}

/**
 * Marks claimed rows `sending` before an attempt on a channel that cannot de-duplicate
 * (SMTP). The caller commits this before sending: after a crash the row stays `sending`.
 */
export async function markSending(
  db: Db,
  workspace: string,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('dunning_actions')
    .set({ status: 'sending', last_attempt_at: now })
    .where('workspace_id', '=', workspace)
    .where('id', 'in', [...ids])
    .execute()
}

/** How an attempt ended, as the ledger records it. */
export type DeliveryOutcome =
  | { readonly status: 'sent' | 'awaiting_person' | 'skipped' | 'dead'; readonly at: Date }
  | { readonly status: 'failed'; readonly at: Date; readonly nextAttemptAt: Date }

export interface OutcomeRecord {
  readonly id: string
  readonly outcome: DeliveryOutcome
  /** Provider ids and responses, per channel: kept so a retry never resends a done channel. */
  readonly providerResponse: unknown
  /** The last error or the reason for a skip, for people. */
  readonly detail: string | null
}

/**
 * Records the outcomes of one batch (the caller wraps it in one short transaction). Only
 * rows still claimed (`pending`, `failed` or `sending`) change: a row a person cancelled
 * meanwhile keeps its status.
 */
export async function recordOutcomes(
  db: Db,
  workspace: string,
  records: readonly OutcomeRecord[],
): Promise<void> {
  for (const { id, outcome, providerResponse, detail } of records) {
    const finished = outcome.status !== 'failed' && outcome.status !== 'awaiting_person'
    await db
      .updateTable('dunning_actions')
      .set({
        status: outcome.status,
        next_attempt_at: outcome.status === 'failed' ? outcome.nextAttemptAt : null,
        completed_at: finished ? outcome.at : null,
        provider_response: JSON.stringify(providerResponse ?? null),
        detail,
      })
      .where('workspace_id', '=', workspace)
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'failed', 'sending'])
      .execute()
  }
}

/**
 * Rows left `sending` for longer than the lease were caught mid-send by a crash: the
 * message may or may not have left. They become `review` — surfaced, never resent.
 * Returns the ids surfaced.
 */
export async function surfaceStaleSending(
  db: Db,
  workspace: string,
  staleBefore: Date,
): Promise<string[]> {
  const rows = await db
    .updateTable('dunning_actions')
    .set({
      status: 'review',
      detail: sql<string>`'caught mid-send since ' || to_char(last_attempt_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ': check the provider before resending'`,
    })
    .where('workspace_id', '=', workspace)
    .where('status', '=', 'sending')
    .where('last_attempt_at', '<', staleBefore)
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

/** Statuses a person may send back to the outbox. */
const REQUEUEABLE: readonly ActionStatus[] = ['dead', 'review']

/**
 * Sends a dead letter (or a reviewed row) back to the outbox: `pending`, attempts reset,
 * deliverable at once. Returns the row, or null when no such row is dead or in review.
 */
export async function requeueAction(
  db: Db,
  workspace: string,
  id: string,
): Promise<ActionRow | null> {
  const row = await db
    .updateTable('dunning_actions')
    .set({ status: 'pending', attempts: 0, next_attempt_at: null, completed_at: null })
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .where('status', 'in', [...REQUEUEABLE])
    .returningAll()
    .executeTakeFirst()
  return row ?? null
}

/**
 * A person finished a call or task: the row is `sent` (done). Returns the row, or null
 * when no such row is awaiting a person.
 */
export async function completeHumanAction(
  db: Db,
  workspace: string,
  id: string,
  at: Date,
  note: string | null,
): Promise<ActionRow | null> {
  const row = await db
    .updateTable('dunning_actions')
    .set({ status: 'sent', completed_at: at, detail: note })
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .where('status', '=', 'awaiting_person')
    .returningAll()
    .executeTakeFirst()
  return row ?? null
}

/** Stores messages kept by Dun (in-app, capture); a message already stored stays as it was. */
export async function storeMessages(
  db: Db,
  messages: readonly NewOutboxMessageRow[],
): Promise<void> {
  if (messages.length === 0) return
  await db
    .insertInto('outbox_messages')
    .values([...messages])
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key', 'channel']).doNothing())
    .execute()
}

export interface MessageQuery {
  readonly transport: OutboxMessageRow['transport']
  readonly customerId?: string
  readonly limit?: number
}

/** Newest first: a customer's in-app notices, or the capture outbox of a trial. */
export async function listMessages(
  db: Db,
  workspace: string,
  { transport, customerId, limit = 100 }: MessageQuery,
): Promise<OutboxMessageRow[]> {
  let query = db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('transport', '=', transport)
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId)
  return query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute()
}
