import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUser, type ServiceContext } from '@dun/service'
import { freshPglite, type TestDatabase } from '@dun/store/testing'
import { hashSessionId, newSessionId } from '../lib/server/session-token.js'
import { endSession, SESSION_HOURS, sessionUser, startSession } from '../lib/server/sessions.js'

describe('editor sessions', () => {
  let database: TestDatabase
  let ctx: ServiceContext
  beforeAll(async () => {
    database = await freshPglite(2)
    ctx = { db: database.db, workspace: 'default' }
  }, 60_000)
  afterAll(() => database.close())

  it('makes long random ids and stores only their hash', async () => {
    const user = await addUser(
      ctx,
      { username: 'system', role: 'admin' },
      {
        username: 'ana',
        password: 'a long enough password',
        role: 'analyst',
      },
    )
    const now = new Date('2026-03-02T09:00:00Z')
    const session = await startSession(ctx, user.id, now)
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(session.expires.getTime() - now.getTime()).toBe(SESSION_HOURS * 3_600_000)
    const stored = await database.db.selectFrom('sessions').selectAll().execute()
    expect(stored.map((s) => s.id_hash)).toEqual([hashSessionId(session.id)])
    expect(JSON.stringify(stored)).not.toContain(session.id)

    expect(await sessionUser(ctx, session.id, now)).toEqual({
      id: user.id,
      username: 'ana',
      role: 'analyst',
    })
    expect(await sessionUser(ctx, newSessionId(), now)).toBeNull()
    await endSession(ctx, session.id)
    expect(await sessionUser(ctx, session.id, now)).toBeNull()
  })
})
