import type { ColumnType, Selectable } from 'kysely'

export interface WorkspaceSettingsTable {
  workspace_id: string
  /** Publishing needs an approval by someone other than the version's author. */
  four_eyes: boolean
  /** The policy whose live version new cases start under (set when a policy is published). */
  active_policy_id: string | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type WorkspaceSettingsRow = Selectable<WorkspaceSettingsTable>
