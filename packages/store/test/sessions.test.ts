import { expect, it } from 'vitest'
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  insertSession,
  insertUser,
} from '../src/index.js'
import { describeOnDatabases } from '../src/testing.js'

describeOnDatabases('sessions', (db) => {
  const now = new Date('2026-03-02T09:00:00Z')
  const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000)

  it('finds the user of a live session by its hash, and nobody once it expired or ended', async () => {
    const user = await insertUser(db(), {
      workspace_id: 'default',
      username: 'ana',
      password_hash: 'scrypt$x',
      role: 'analyst',
    })
    await insertSession(db(), {
      workspace_id: 'default',
      id_hash: 'h1',
      user_id: user.id,
      expires_at: later(12),
    })
    expect((await findSessionUser(db(), 'default', 'h1', now))?.username).toBe('ana')
    expect(await findSessionUser(db(), 'default', 'h1', later(13))).toBeUndefined()
    expect(await findSessionUser(db(), 'other', 'h1', now)).toBeUndefined()
    expect(await findSessionUser(db(), 'default', 'h2', now)).toBeUndefined()

    await deleteSession(db(), 'default', 'h1')
    expect(await findSessionUser(db(), 'default', 'h1', now)).toBeUndefined()
  })

  it('forgets expired sessions only', async () => {
    const user = await insertUser(db(), {
      workspace_id: 'default',
      username: 'bo',
      password_hash: 'scrypt$x',
      role: 'approver',
    })
    for (const [hash, hours] of [
      ['old', -1],
      ['live', 5],
    ] as const) {
      await insertSession(db(), {
        workspace_id: 'default',
        id_hash: hash,
        user_id: user.id,
        expires_at: later(hours),
      })
    }
    expect(await deleteExpiredSessions(db(), now)).toBe(1)
    expect((await findSessionUser(db(), 'default', 'live', now))?.role).toBe('approver')
  })
})
