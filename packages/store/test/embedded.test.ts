import { mkdtempSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { connect, migrateToLatest, openDatabase } from '../src/index.js'

describe('the embedded database', () => {
  it('is served by the first process and joined by the next, data kept on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dun-embedded-'))
    const owner = await openDatabase({ dir, env: {} })
    expect(owner.mode).toBe('embedded-owner')
    expect(JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8'))).toMatchObject({
      url: owner.url,
      pid: process.pid,
    })

    const client = await openDatabase({ dir, env: {} })
    expect(client).toMatchObject({ mode: 'embedded-client', url: owner.url })

    const db = connect({ url: client.url, max: 2 })
    await migrateToLatest(db)
    await db
      .insertInto('audit_log')
      .values({
        workspace_id: 'default',
        actor: 'test',
        action: 'ping',
        subject_type: 't',
        subject_id: '1',
        details: '{}',
      })
      .execute()
    await db.destroy()
    await owner.close()
    expect(existsSync(join(dir, 'server.json'))).toBe(false)

    // Reopened later: the row is still there.
    const again = await openDatabase({ dir, env: {} })
    const db2 = connect({ url: again.url, max: 1 })
    const rows = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db2)
    expect(rows.rows[0]?.n).toBe(1)
    await db2.destroy()
    await again.close()
  }, 60_000)

  it('ignores a server.json left by a process that died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dun-embedded-'))
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'server.json'),
      JSON.stringify({ url: 'postgres://x@127.0.0.1:1/x', pid: 2 ** 22 + 12345 }),
    )
    const handle = await openDatabase({ dir, env: {} })
    expect(handle.mode).toBe('embedded-owner')
    await handle.close()
  }, 60_000)

  it('uses DATABASE_URL when it is set', async () => {
    const handle = await openDatabase({ env: { DATABASE_URL: 'postgres://somewhere/db' } })
    expect(handle).toMatchObject({ mode: 'external', url: 'postgres://somewhere/db' })
  })
})
