import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import { insertUser, type AuditRow, type Database, type TokenScope } from '@dun/store'
import { issueToken, type ServiceContext } from '@dun/service'
import { buildApp } from '../src/api/server.js'

/** Shared by the API tests: the app over a test database, one token per scope, a caller. */
export interface ApiHarness {
  readonly ctx: ServiceContext
  readonly app: FastifyInstance
  call(method: 'GET' | 'POST', url: string, options?: CallOptions): Promise<LightMyRequestResponse>
}

export interface CallOptions {
  readonly token?: TokenScope
  readonly body?: unknown
  /** A body sent as is (malformed JSON). */
  readonly raw?: string
}

const SCOPES: readonly TokenScope[] = ['ingest', 'read', 'publish', 'operate', 'admin']

/** The API at a fixed instant, with an admin `ops` holding one token per scope. */
export async function openApi(db: Kysely<Database>, now: string): Promise<ApiHarness> {
  const ctx: ServiceContext = { db, workspace: 'default', now: () => new Date(now) }
  const user = await insertUser(db, {
    workspace_id: 'default',
    username: 'ops',
    password_hash: 'not-a-password',
    role: 'admin',
  })
  const actor = { id: user.id, username: 'ops', role: 'admin' as const }
  const tokens = new Map<TokenScope, string>()
  for (const scope of SCOPES)
    tokens.set(scope, (await issueToken(ctx, actor, scope, [scope])).secret)
  const app = await buildApp(ctx)
  return {
    ctx,
    app,
    call: (method, url, options = {}) =>
      app.inject({
        method,
        url,
        headers: {
          ...(options.token ? { authorization: `Bearer ${tokens.get(options.token)}` } : {}),
          ...(options.raw !== undefined || options.body !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
        },
        payload:
          options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      }),
  }
}

/** Audit entries about one subject, oldest first. */
export async function auditOf(db: Kysely<Database>, subjectId: string): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()
}
