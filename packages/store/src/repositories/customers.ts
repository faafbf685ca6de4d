import { sql } from 'kysely'
import type { CustomerFacts, HistoryFacts } from '@dun/engine'
import type { Db } from '../database.js'
import type { CustomerRow } from '../tables/customers.table.js'

export interface CustomerUpsert {
  readonly customer: CustomerFacts
  readonly history: HistoryFacts | null
}

/** Inserts or replaces customers in one statement (set-based, whatever the batch size). */
export async function upsertCustomers(
  db: Db,
  workspace: string,
  rows: readonly CustomerUpsert[],
): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('customers')
    .values(
      rows.map((row) => ({
        workspace_id: workspace,
        id: row.customer.id,
        facts: JSON.stringify(row.customer),
        history: row.history ? JSON.stringify(row.history) : null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
        facts: eb.ref('excluded.facts'),
        history: eb.ref('excluded.history'),
        updated_at: new Date(),
      })),
    )
    .execute()
}

export async function findCustomers(
  db: Db,
  workspace: string,
  ids: readonly string[],
): Promise<CustomerRow[]> {
  if (ids.length === 0) return []
  return (
    db
      .selectFrom('customers')
      .selectAll()
      .where('workspace_id', '=', workspace)
      // One array parameter, whatever the batch size: one plan, cheap to parse.
      .where(sql<boolean>`id = any(${[...ids]}::text[])`)
      .execute()
  )
}
