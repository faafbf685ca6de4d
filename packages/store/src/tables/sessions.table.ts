import type { ColumnType, Insertable, Selectable } from 'kysely'

/**
 * Editor sign-in sessions. The browser holds a random id in an HttpOnly cookie; only its
 * SHA-256 is stored, so a copy of this table signs nobody in.
 */
export interface SessionsTable {
  workspace_id: string
  id_hash: string
  user_id: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  expires_at: ColumnType<Date, Date | string, Date | string>
}

export type SessionRow = Selectable<SessionsTable>
export type NewSessionRow = Insertable<SessionsTable>
