import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import {
  appendAudit,
  countUsers,
  findUserByName,
  insertUser,
  type Role,
  type UserRow,
} from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { hashPassword, verifyPassword } from './passwords.js'

const newUser = z.object({
  username: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._@-]{1,62}$/i,
      'use 2–63 letters, digits or . _ @ -, starting with a letter or digit',
    ),
  password: z.string().min(12, 'use at least 12 characters'),
  role: z.enum(['analyst', 'approver', 'admin']),
})

export type NewUser = z.input<typeof newUser>

/** Creates a user. Only admins may, except for the very first admin (see `ensureFirstAdmin`). */
export async function addUser(ctx: ServiceContext, actor: Actor, input: NewUser): Promise<UserRow> {
  if (actor.role !== 'admin') {
    throw new ServiceError('forbidden', `${actor.username} is not an admin and cannot add users`)
  }
  const parsed = newUser.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = String(issue.path[0] ?? 'input')
    throw new ServiceError('invalid_input', `${field}: ${issue.message}`, { field })
  }
  const { username, password, role } = parsed.data
  return ctx.db.transaction().execute(async (trx) => {
    if (await findUserByName(trx, ctx.workspace, username)) {
      throw new ServiceError('conflict', `a user named ${username} already exists`, {
        field: 'username',
      })
    }
    const user = await insertUser(trx, {
      workspace_id: ctx.workspace,
      username,
      password_hash: await hashPassword(password),
      role,
    })
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: 'user.added',
      subjectType: 'user',
      subjectId: user.id,
      details: { username, role },
    })
    return user
  })
}

/**
 * Creates the first admin when there is no user yet. The password comes from
 * `DUN_ADMIN_PASSWORD`, or is generated and returned so the caller prints it once.
 */
export async function ensureFirstAdmin(
  ctx: ServiceContext,
  password: string | undefined,
): Promise<
  { created: false } | { created: true; username: string; generatedPassword: string | null }
> {
  if ((await countUsers(ctx.db, ctx.workspace)) > 0) return { created: false }
  const generated = password ? null : randomBytes(12).toString('base64url')
  const system: Actor = { username: 'system', role: 'admin' }
  await addUser(ctx, system, { username: 'admin', password: password ?? generated!, role: 'admin' })
  return { created: true, username: 'admin', generatedPassword: generated }
}

/** Checks a username and password; the same error whether the user or the password is wrong. */
export async function signIn(
  ctx: ServiceContext,
  username: string,
  password: string,
): Promise<Actor & { id: string }> {
  const user = await findUserByName(ctx.db, ctx.workspace, username)
  if (!user || !(await verifyPassword(password, user.password_hash))) {
    throw new ServiceError('unauthenticated', 'wrong username or password')
  }
  return { id: user.id, username: user.username, role: user.role as Role }
}
