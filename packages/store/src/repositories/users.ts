import type { Db } from '../database.js'
import type { ApiTokenRow, NewUserRow, TokenScope, UserRow } from '../tables/users.table.js'

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findUserByName(
  db: Db,
  workspace: string,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('username', '=', username)
    .executeTakeFirst()
}

export async function findUser(
  db: Db,
  workspace: string,
  id: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function countUsers(db: Db, workspace: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspace)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertToken(
  db: Db,
  row: { workspace: string; userId: string; name: string; tokenHash: string; scopes: TokenScope[] },
): Promise<ApiTokenRow> {
  return db
    .insertInto('api_tokens')
    .values({
      workspace_id: row.workspace,
      user_id: row.userId,
      name: row.name,
      token_hash: row.tokenHash,
      scopes: row.scopes,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The live (not revoked) token with that hash, marking it used. */
export async function useToken(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
}
