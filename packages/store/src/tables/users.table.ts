import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

export type Role = 'analyst' | 'approver' | 'admin'
/**
 * `operate` works the ledger by hand (cancel, retry dead letters, complete tasks) without
 * the rest of `admin`, which includes every scope.
 */
export type TokenScope = 'ingest' | 'read' | 'publish' | 'operate' | 'admin'

export interface UsersTable {
  workspace_id: string
  id: Generated<string>
  username: string
  /** scrypt hash with its salt and parameters; never the password. */
  password_hash: string
  role: Role
  created_at: ColumnType<Date, Date | string | undefined, never>
}

/** API bearer tokens, stored hashed (SHA-256 of the secret), with scopes. */
export interface ApiTokensTable {
  workspace_id: string
  id: Generated<string>
  user_id: string
  name: string
  token_hash: string
  scopes: ColumnType<TokenScope[], TokenScope[], TokenScope[]>
  created_at: ColumnType<Date, Date | string | undefined, never>
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface AuditLogTable {
  workspace_id: string
  id: Generated<string>
  at: ColumnType<Date, Date | string | undefined, never>
  actor: string
  action: string
  subject_type: string
  subject_id: string
  details: ColumnType<unknown, string, never>
}

export type UserRow = Selectable<UsersTable>
export type NewUserRow = Insertable<UsersTable>
export type ApiTokenRow = Selectable<ApiTokensTable>
export type AuditRow = Selectable<AuditLogTable>
