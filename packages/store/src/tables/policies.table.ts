import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { CompiledPolicy } from '@dun/engine'

export interface PoliciesTable {
  workspace_id: string
  id: Generated<string>
  name: string
  /** The published version new cases start under; null until the first publish. */
  live_version_id: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export type VersionState = 'draft' | 'pending_approval' | 'published' | 'archived'

/** A policy version: immutable once published (a trigger refuses changes to its content). */
export interface PolicyVersionsTable {
  workspace_id: string
  id: Generated<string>
  policy_id: string
  number: number
  source: string
  compiled: ColumnType<CompiledPolicy, CompiledPolicy | string, never>
  content_hash: string
  author: string
  comment: string
  state: VersionState
  created_at: ColumnType<Date, Date | string | undefined, never>
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface ApprovalsTable {
  workspace_id: string
  version_id: string
  approver: string
  comment: string
  approved_at: ColumnType<Date, Date | string | undefined, never>
}

export type PolicyRow = Selectable<PoliciesTable>
export type PolicyVersionRow = Selectable<PolicyVersionsTable>
export type NewPolicyVersionRow = Insertable<PolicyVersionsTable>
export type PolicyVersionUpdate = Updateable<PolicyVersionsTable>
export type ApprovalRow = Selectable<ApprovalsTable>
