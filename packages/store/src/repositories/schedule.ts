import { sql } from 'kysely'
import type { Db } from '../database.js'

/** Makes customers due at `at` at the latest (an earlier wake time already set is kept). */
export async function markCustomersDue(
  db: Db,
  workspace: string,
  customerIds: readonly string[],
  at: Date,
): Promise<void> {
  if (customerIds.length === 0) return
  await db
    .insertInto('customer_schedule')
    .values(
      customerIds.map((id) => ({ workspace_id: workspace, customer_id: id, next_action_at: at })),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'customer_id']).doUpdateSet({
        next_action_at: sql`least(customer_schedule.next_action_at, excluded.next_action_at)`,
        updated_at: at,
      }),
    )
    .execute()
}

/**
 * Makes every customer with an open, unpaid invoice due at `at` at the latest: after a
 * publish, invoices that had no case (no policy was live) get one on the next pass.
 */
export async function markCustomersWithOpenInvoicesDue(
  db: Db,
  workspace: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('customer_schedule')
    .columns(['workspace_id', 'customer_id', 'next_action_at'])
    .expression((eb) =>
      eb
        .selectFrom('invoices')
        .select([
          'invoices.workspace_id',
          'invoices.customer_id',
          sql<Date>`${at}::timestamptz`.as('next_action_at'),
        ])
        .distinct()
        .where('workspace_id', '=', workspace)
        .where('status', '=', 'open')
        .where('balance', '>', 0),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'customer_id']).doUpdateSet({
        next_action_at: sql`least(customer_schedule.next_action_at, excluded.next_action_at)`,
        updated_at: at,
      }),
    )
    .execute()
}

/**
 * Claims up to `limit` customers due at `now` for the rest of the transaction. Rows another
 * runner holds are skipped, not waited for: replicas share the work without ever taking
 * the same customer twice.
 */
export async function claimDueCustomers(
  db: Db,
  workspace: string,
  now: Date,
  limit: number,
  /** Claim only among these customers. */
  only?: readonly string[],
): Promise<string[]> {
  let query = db
    .selectFrom('customer_schedule')
    .select('customer_id')
    .where('workspace_id', '=', workspace)
    .where('next_action_at', '<=', now)
  if (only) query = query.where(sql<boolean>`customer_id = any(${[...only]}::text[])`)
  const rows = await query.orderBy('next_action_at').limit(limit).forUpdate().skipLocked().execute()
  return rows.map((r) => r.customer_id)
}

/**
 * Locks the customers' schedule rows (waiting for a runner that holds one), creating the
 * missing ones: an evaluation on demand never runs beside the scheduler's on one customer.
 */
export async function lockCustomers(
  db: Db,
  workspace: string,
  customerIds: readonly string[],
): Promise<void> {
  if (customerIds.length === 0) return
  const lock = () =>
    db
      .selectFrom('customer_schedule')
      .select('customer_id')
      .where('workspace_id', '=', workspace)
      .where(sql<boolean>`customer_id = any(${[...customerIds]}::text[])`)
      .orderBy('customer_id')
      .forUpdate()
      .execute()
  // Customers come with a schedule row (ingest creates it): one round trip in the usual case.
  if ((await lock()).length === customerIds.length) return
  await db
    .insertInto('customer_schedule')
    .values(
      customerIds.map((id) => ({ workspace_id: workspace, customer_id: id, next_action_at: null })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'customer_id']).doNothing())
    .execute()
  await lock()
}

export interface NextAction {
  readonly customerId: string
  /** Null when nothing can happen until something from outside (an event, new invoices). */
  readonly at: Date | null
}

/** Sets each customer's next wake time in one statement. */
export async function setNextActions(
  db: Db,
  workspace: string,
  next: readonly NextAction[],
  updatedAt: Date,
): Promise<void> {
  if (next.length === 0) return
  const rows = JSON.stringify(
    next.map((n) => ({ customer_id: n.customerId, at: n.at?.toISOString() ?? null })),
  )
  await sql`
    update customer_schedule as s set next_action_at = v.at, updated_at = ${updatedAt}
    from jsonb_to_recordset(${rows}::jsonb) as v(customer_id text, at timestamptz)
    where s.workspace_id = ${workspace} and s.customer_id = v.customer_id`.execute(db)
}
