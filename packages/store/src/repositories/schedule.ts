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
