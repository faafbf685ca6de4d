import { deleteExpiredSessions, deleteSession, findSessionUser, insertSession } from '@dun/store'
import type { ServiceContext } from '@dun/service'
import type { SignedInUser } from '../roles'
import { hashSessionId, newSessionId } from './session-token'

/** How long a sign-in lasts: a working day, then the analyst signs in again. */
export const SESSION_HOURS = 12

export async function startSession(
  ctx: ServiceContext,
  userId: string,
  now = new Date(),
): Promise<{ id: string; expires: Date }> {
  const id = newSessionId()
  const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
  // Sign-ins are rare: a good moment to forget the sessions nobody ended.
  await deleteExpiredSessions(ctx.db, now)
  await insertSession(ctx.db, {
    workspace_id: ctx.workspace,
    id_hash: hashSessionId(id),
    user_id: userId,
    expires_at: expires,
  })
  return { id, expires }
}

export async function sessionUser(
  ctx: ServiceContext,
  id: string,
  now = new Date(),
): Promise<SignedInUser | null> {
  const user = await findSessionUser(ctx.db, ctx.workspace, hashSessionId(id), now)
  return user ? { id: user.id, username: user.username, role: user.role } : null
}

export async function endSession(ctx: ServiceContext, id: string): Promise<void> {
  await deleteSession(ctx.db, ctx.workspace, hashSessionId(id))
}
