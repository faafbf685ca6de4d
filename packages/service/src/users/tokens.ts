import { createHash, randomBytes } from 'node:crypto'
import {
  appendAudit,
  findUser,
  findUserByName,
  insertToken,
  useToken,
  type Role,
  type TokenScope,
} from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'

const PREFIX = 'dun_'

function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** Issues an API token. The secret is returned once; only its hash is stored. */
export async function issueToken(
  ctx: ServiceContext,
  actor: Actor & { id: string },
  name: string,
  scopes: TokenScope[],
): Promise<{ id: string; secret: string }> {
  if (scopes.includes('admin') && actor.role !== 'admin') {
    throw new ServiceError('forbidden', 'only admins can issue tokens with the admin scope', {
      field: 'scopes',
    })
  }
  const secret = PREFIX + randomBytes(24).toString('base64url')
  const token = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertToken(trx, {
      workspace: ctx.workspace,
      userId: actor.id,
      name,
      tokenHash: hashToken(secret),
      scopes,
    })
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: 'token.issued',
      subjectType: 'api_token',
      subjectId: row.id,
      details: { name, scopes },
    })
    return row
  })
  return { id: token.id, secret }
}

/** Issues a token owned by the user with this name (`dun token add`). */
export async function issueTokenForUser(
  ctx: ServiceContext,
  username: string,
  name: string,
  scopes: TokenScope[],
): Promise<{ id: string; secret: string }> {
  const user = await findUserByName(ctx.db, ctx.workspace, username)
  if (!user) {
    throw new ServiceError('not_found', `no user named ${username}`, {
      field: 'username',
      hint: `add one with \`dun user add ${username} --role …\``,
    })
  }
  return issueToken(ctx, { id: user.id, username, role: user.role as Role }, name, scopes)
}

/** Resolves a bearer token to its user and scopes, or fails with `unauthenticated`. */
export async function authenticateToken(
  ctx: ServiceContext,
  secret: string,
): Promise<{ actor: Actor; scopes: readonly TokenScope[] }> {
  const token = secret.startsWith(PREFIX) ? await useToken(ctx.db, hashToken(secret)) : undefined
  const user = token && (await findUser(ctx.db, token.workspace_id, token.user_id))
  if (!token || !user)
    throw new ServiceError('unauthenticated', 'the bearer token is unknown or revoked')
  return { actor: { username: user.username, role: user.role as Role }, scopes: token.scopes }
}
