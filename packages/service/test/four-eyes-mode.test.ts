import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import { getSettings, listAudit } from '@dun/store'
import { setFourEyesMode, type Actor, type ServiceContext } from '../src/index.js'

const admin: Actor = { username: 'root', role: 'admin' }
const bob: Actor = { username: 'bob', role: 'approver' }

describeOnDatabases('service_four_eyes', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })

  beforeEach(async () => {
    await sql`truncate audit_log, workspace_settings cascade`.execute(db())
  })

  it('lets an admin turn four-eyes on and off, auditing each switch', async () => {
    await setFourEyesMode(ctx(), admin, true)
    expect((await getSettings(db(), 'default')).fourEyes).toBe(true)
    await setFourEyesMode(ctx(), admin, false)
    expect((await getSettings(db(), 'default')).fourEyes).toBe(false)
    const audit = (await listAudit(db(), 'default')).map((row) => `${row.actor} ${row.action}`)
    expect(audit).toEqual(['root settings.four_eyes_off', 'root settings.four_eyes_on'])
  })

  it('refuses anyone but an admin, changing and auditing nothing', async () => {
    await expect(setFourEyesMode(ctx(), bob, true)).rejects.toMatchObject({ code: 'forbidden' })
    expect((await getSettings(db(), 'default')).fourEyes).toBe(false)
    expect(await listAudit(db(), 'default')).toEqual([])
  })
})
