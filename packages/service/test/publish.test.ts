import { readFileSync } from 'node:fs'
import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import { findPolicy, listAudit, setFourEyes } from '@dun/store'
import {
  approveVersion,
  requestPublish,
  saveVersion,
  ServiceError,
  upsertCustomers,
  upsertInvoices,
  type Actor,
  type ServiceContext,
} from '../src/index.js'

const source = readFileSync(new URL('../../../examples/saas-cards.dun', import.meta.url), 'utf8')
const ana: Actor = { username: 'ana', role: 'analyst' }
const bob: Actor = { username: 'bob', role: 'approver' }
const cy: Actor = { username: 'cy', role: 'approver' }

describeOnDatabases('service_publish', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })

  beforeEach(async () => {
    await sql`truncate approvals, policy_versions, policies, audit_log, workspace_settings, customers, invoices, customer_schedule cascade`.execute(
      db(),
    )
  })

  it('saves a draft, and saving the same text again returns the same version', async () => {
    const first = await saveVersion(ctx(), ana, { source })
    expect(first).toMatchObject({ number: 1, state: 'draft', author: 'ana' })
    expect((await saveVersion(ctx(), ana, { source })).id).toBe(first.id)
    const second = await saveVersion(ctx(), ana, { source: source + '\n# a comment\n' })
    expect(second.number).toBe(2)
  })

  it('refuses a policy with errors, naming the first one, and stores nothing', async () => {
    const error = await saveVersion(ctx(), ana, {
      source: 'policy "x" { segment a { day 1 emial "t" } }',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error).toMatchObject({ code: 'invalid_policy', details: { field: 'source' } })
    expect((error as ServiceError).details.diagnostics?.length).toBeGreaterThan(0)
    const count = await db()
      .selectFrom('policy_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })

  it('lets an approver publish directly when four-eyes is off, but not an analyst', async () => {
    const version = await saveVersion(ctx(), ana, { source })
    await expect(requestPublish(ctx(), ana, version.id)).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(await requestPublish(ctx(), bob, version.id)).toEqual({
      versionId: version.id,
      state: 'published',
    })
    const policy = await findPolicy(db(), 'default', version.policy_id)
    expect(policy?.live_version_id).toBe(version.id)
    await expect(requestPublish(ctx(), bob, version.id)).rejects.toMatchObject({ code: 'conflict' })
  })

  it('needs a second person with four-eyes on, and audits every step', async () => {
    await setFourEyes(db(), 'default', true)
    const version = await saveVersion(ctx(), bob, { source })
    expect(await requestPublish(ctx(), bob, version.id, 'tighter caps')).toMatchObject({
      state: 'pending_approval',
    })
    await expect(approveVersion(ctx(), bob, version.id)).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(approveVersion(ctx(), ana, version.id)).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(await approveVersion(ctx(), cy, version.id, 'looks right')).toMatchObject({
      state: 'published',
    })
    const actions = (await listAudit(db(), 'default')).map((row) => `${row.actor} ${row.action}`)
    expect(actions).toEqual([
      'cy version.published',
      'bob version.approval_requested',
      'bob version.saved',
    ])
  })

  it('archives the previous live version when a new one is published', async () => {
    const v1 = await saveVersion(ctx(), ana, { source })
    await requestPublish(ctx(), bob, v1.id)
    const v2 = await saveVersion(ctx(), ana, { source: source + '\n' })
    await requestPublish(ctx(), bob, v2.id)
    const states = await db()
      .selectFrom('policy_versions')
      .select(['number', 'state'])
      .orderBy('number')
      .execute()
    expect(states).toEqual([
      { number: 1, state: 'archived' },
      { number: 2, state: 'published' },
    ])
  })

  it('wakes every customer with an open invoice when a policy goes live', async () => {
    const at = new Date('2026-04-01T12:00:00Z')
    const later: ServiceContext = { ...ctx(), now: () => at }
    await upsertCustomers(ctx(), [
      { id: 'c-open', currency: 'USD' },
      { id: 'c-paid', currency: 'USD' },
    ])
    const invoice = {
      amount_due: 5000,
      currency: 'USD',
      issued_at: '2026-03-01T00:00:00Z',
      due_at: '2026-03-15T00:00:00Z',
    }
    await upsertInvoices(ctx(), [
      { ...invoice, id: 'i-open', customer_id: 'c-open', balance: 5000 },
      { ...invoice, id: 'i-paid', customer_id: 'c-paid', balance: 0, status: 'paid' },
    ])
    await db().deleteFrom('customer_schedule').execute()
    const version = await saveVersion(later, ana, { source })
    await requestPublish(later, bob, version.id)
    const due = await db()
      .selectFrom('customer_schedule')
      .select(['customer_id', 'next_action_at'])
      .execute()
    expect(due).toEqual([{ customer_id: 'c-open', next_action_at: at }])
  })
})
