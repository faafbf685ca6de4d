import type { Db } from '../database.js'

export interface WorkspaceSettings {
  readonly fourEyes: boolean
  readonly activePolicyId: string | null
}

export async function getSettings(db: Db, workspace: string): Promise<WorkspaceSettings> {
  const row = await db
    .selectFrom('workspace_settings')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .executeTakeFirst()
  return { fourEyes: row?.four_eyes ?? false, activePolicyId: row?.active_policy_id ?? null }
}

export async function setFourEyes(db: Db, workspace: string, on: boolean): Promise<void> {
  await db
    .insertInto('workspace_settings')
    .values({ workspace_id: workspace, four_eyes: on, active_policy_id: null })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({ four_eyes: on, updated_at: new Date() }),
    )
    .execute()
}

export async function setActivePolicy(db: Db, workspace: string, policyId: string): Promise<void> {
  await db
    .insertInto('workspace_settings')
    .values({ workspace_id: workspace, four_eyes: false, active_policy_id: policyId })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({ active_policy_id: policyId, updated_at: new Date() }),
    )
    .execute()
}
