import { sql } from 'kysely'
import type { Db } from '../database.js'

/**
 * Re-pins a policy's open cases to `versionId`: how many moved, and whose they are. Step ids are
 * stable across versions (segment + action + ordinal), so steps already done stay done.
 */
export async function repinOpenCases(
  db: Db,
  workspace: string,
  policyId: string,
  versionId: string,
): Promise<{ moved: number; customers: string[] }> {
  const rows = await db
    .updateTable('dunning_cases')
    .set({ policy_version_id: versionId })
    .where('workspace_id', '=', workspace)
    .where('closed_at', 'is', null)
    .where('policy_version_id', '!=', versionId)
    .where(
      'policy_version_id',
      'in',
      db
        .selectFrom('policy_versions')
        .select('id')
        .where('workspace_id', '=', workspace)
        .where('policy_id', '=', policyId),
    )
    .returning(sql<string>`customer_id`.as('customer_id'))
    .execute()
  return { moved: rows.length, customers: [...new Set(rows.map((r) => r.customer_id))] }
}
