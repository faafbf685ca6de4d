import type { Role } from '@dun/store'
import type { ServiceContext } from '@dun/service'

export interface UserView {
  readonly username: string
  readonly role: Role
  readonly createdAt: string
}

/** The workspace's users for the admin page (never their password hashes). */
export async function userList(ctx: ServiceContext): Promise<UserView[]> {
  const rows = await ctx.db
    .selectFrom('users')
    .select(['username', 'role', 'created_at'])
    .where('workspace_id', '=', ctx.workspace)
    .orderBy('username')
    .execute()
  return rows.map((row) => ({
    username: row.username,
    role: row.role,
    createdAt: row.created_at.toISOString(),
  }))
}
