import type { Db } from '../database.js'
import type { NewSessionRow } from '../tables/sessions.table.js'
import type { UserRow } from '../tables/users.table.js'

export async function insertSession(db: Db, row: NewSessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}

/** The user behind an unexpired session, or undefined (expired, signed out, or unknown). */
export async function findSessionUser(
  db: Db,
  workspace: string,
  idHash: string,
  now: Date,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', (join) =>
      join
        .onRef('users.workspace_id', '=', 'sessions.workspace_id')
        .onRef('users.id', '=', 'sessions.user_id'),
    )
    .selectAll('users')
    .where('sessions.workspace_id', '=', workspace)
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
}

export async function deleteSession(db: Db, workspace: string, idHash: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspace)
    .where('id_hash', '=', idHash)
    .execute()
}

/** Forgets sessions that expired before `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}
