import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  approveVersion,
  requestPublish,
  saveVersion,
  setFourEyesMode,
  type ServiceContext,
} from '@dun/service'
import { freshPglite, type TestDatabase } from '@dun/store/testing'
import { auditEntries } from '../lib/server/versions/audit-entries.js'
import { versionHistory, versionPair } from '../lib/server/versions/version-history.js'

const source = readFileSync(new URL('../../../examples/saas-cards.dun', import.meta.url), 'utf8')
const ana = { username: 'ana', role: 'analyst' } as const
const bob = { username: 'bob', role: 'approver' } as const

describe('version history', () => {
  let database: TestDatabase
  let ctx: ServiceContext
  beforeAll(async () => {
    database = await freshPglite(2)
    ctx = { db: database.db, workspace: 'default' }
  }, 60_000)
  afterAll(() => database.close())

  it('lists versions newest first with state, comment and approvals, and pairs two by number', async () => {
    await setFourEyesMode(ctx, { username: 'root', role: 'admin' }, true)
    const first = await saveVersion(ctx, ana, { source, comment: 'first' })
    const second = await saveVersion(ctx, ana, {
      source: source.replace('day 10 suspend', 'day 12 suspend'),
    })
    await requestPublish(ctx, ana, second.id, 'later suspension')
    await approveVersion(ctx, bob, second.id, 'fine')

    const history = await versionHistory(ctx, first.policy_id)
    expect(history).toMatchObject({ policyName: 'saas-cards', fourEyes: true })
    expect(history?.liveVersionId).toBe(second.id)
    expect(history?.versions.map((v) => [v.number, v.state, v.author, v.comment])).toEqual([
      [2, 'published', 'ana', ''],
      [1, 'draft', 'ana', 'first'],
    ])
    expect(history?.versions[0]?.approvals).toEqual([
      expect.objectContaining({ approver: 'bob', comment: 'fine' }),
    ])

    const pair = await versionPair(ctx, first.policy_id, 1, 2)
    expect(pair?.to.source).toContain('day 12 suspend')
    expect(await versionPair(ctx, first.policy_id, 1, 9)).toBeNull()

    const audit = await auditEntries(ctx)
    expect(audit.slice(0, 2).map((e) => `${e.actor} ${e.action} ${e.details}`)).toEqual([
      'bob version.published author: ana; number: 2; comment: fine',
      'ana version.approval_requested author: ana; number: 2; comment: later suspension',
    ])
  })

  it('knows no policy for an unknown or malformed id', async () => {
    expect(await versionHistory(ctx, 'not-a-uuid')).toBeNull()
    expect(await versionHistory(ctx, '00000000-0000-4000-8000-000000000000')).toBeNull()
  })
})
