import type { Db } from '../database.js'
import type {
  NewPolicyVersionRow,
  PolicyRow,
  PolicyVersionRow,
  VersionState,
} from '../tables/policies.table.js'

export async function findPolicyByName(
  db: Db,
  workspace: string,
  name: string,
): Promise<PolicyRow | undefined> {
  return db
    .selectFrom('policies')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('name', '=', name)
    .executeTakeFirst()
}

export async function findPolicy(
  db: Db,
  workspace: string,
  id: string,
): Promise<PolicyRow | undefined> {
  return db
    .selectFrom('policies')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Returns the policy with that name, creating it on first use (race-safe: `on conflict`). */
export async function ensurePolicy(db: Db, workspace: string, name: string): Promise<PolicyRow> {
  await db
    .insertInto('policies')
    .values({ workspace_id: workspace, name, live_version_id: null })
    .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
    .execute()
  const policy = await findPolicyByName(db, workspace, name)
  if (!policy) throw new Error(`policy "${name}" vanished right after being created`)
  return policy
}

export async function listPolicies(db: Db, workspace: string): Promise<PolicyRow[]> {
  return db
    .selectFrom('policies')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('name')
    .execute()
}

export async function nextVersionNumber(
  db: Db,
  workspace: string,
  policyId: string,
): Promise<number> {
  const row = await db
    .selectFrom('policy_versions')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('workspace_id', '=', workspace)
    .where('policy_id', '=', policyId)
    .executeTakeFirst()
  return Number(row?.max ?? 0) + 1
}

export async function insertVersion(db: Db, row: NewPolicyVersionRow): Promise<PolicyVersionRow> {
  return db.insertInto('policy_versions').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findVersion(
  db: Db,
  workspace: string,
  id: string,
): Promise<PolicyVersionRow | undefined> {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Locks the version row for the rest of the transaction: two approvers cannot race. */
export async function lockVersion(
  db: Db,
  workspace: string,
  id: string,
): Promise<PolicyVersionRow | undefined> {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function listVersions(
  db: Db,
  workspace: string,
  policyId: string,
): Promise<PolicyVersionRow[]> {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('policy_id', '=', policyId)
    .orderBy('number', 'desc')
    .execute()
}

export async function setVersionState(
  db: Db,
  workspace: string,
  id: string,
  state: VersionState,
  publishedAt?: Date,
): Promise<void> {
  await db
    .updateTable('policy_versions')
    .set(publishedAt ? { state, published_at: publishedAt } : { state })
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .execute()
}

/** Makes `versionId` the live version and archives the one it replaces. */
export async function setLiveVersion(
  db: Db,
  workspace: string,
  policyId: string,
  versionId: string,
): Promise<void> {
  await db
    .updateTable('policy_versions')
    .set({ state: 'archived' })
    .where('workspace_id', '=', workspace)
    .where('policy_id', '=', policyId)
    .where('state', '=', 'published')
    .where('id', '!=', versionId)
    .execute()
  await db
    .updateTable('policies')
    .set({ live_version_id: versionId })
    .where('workspace_id', '=', workspace)
    .where('id', '=', policyId)
    .execute()
}

export async function addApproval(
  db: Db,
  workspace: string,
  versionId: string,
  approver: string,
  comment: string,
): Promise<void> {
  await db
    .insertInto('approvals')
    .values({ workspace_id: workspace, version_id: versionId, approver, comment })
    .execute()
}

export async function listApprovals(db: Db, workspace: string, versionId: string) {
  return db
    .selectFrom('approvals')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('version_id', '=', versionId)
    .orderBy('approved_at')
    .execute()
}
