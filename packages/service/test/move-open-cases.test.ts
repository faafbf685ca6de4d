import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import {
  moveOpenCasesToLive,
  requestPublish,
  runSchedulerPass,
  saveVersion,
  upsertCustomers,
  upsertInvoices,
  type Actor,
  type ServiceContext,
} from '../src/index.js'

const admin: Actor = { username: 'ada', role: 'admin' }
const analyst: Actor = { username: 'ana', role: 'analyst' }
const policy = (finalDay: number) => `policy "p" {
  currencies USD
  segment everyone {
    day 0 email "due-today"
    day ${finalDay} email "final-notice"
  }
}`

describeOnDatabases('service_move_cases', (db) => {
  const day0 = new Date('2026-03-02T12:00:00Z')
  const ctx = (now = day0): ServiceContext => ({ db: db(), workspace: 'default', now: () => now })

  async function publish(source: string): Promise<{ versionId: string; policyId: string }> {
    const version = await saveVersion(ctx(), admin, { source })
    await requestPublish(ctx(), admin, version.id)
    return { versionId: version.id, policyId: version.policy_id }
  }

  beforeEach(async () => {
    await sql`truncate customers, invoices, policies, policy_versions, dunning_cases, dunning_actions, customer_schedule, audit_log, workspace_settings cascade`.execute(
      db(),
    )
    await upsertCustomers(ctx(), [{ id: 'c1', currency: 'USD' }])
    const invoice = {
      amount_due: 5000,
      balance: 5000,
      currency: 'USD',
      issued_at: '2026-02-20T00:00:00Z',
      due_at: '2026-03-02T00:00:00Z',
    }
    await upsertInvoices(ctx(), [{ ...invoice, id: 'i1', customer_id: 'c1' }])
  })

  it('keeps open cases on their version when a new one is published, until moved explicitly', async () => {
    const v1 = await publish(policy(10))
    await runSchedulerPass(ctx(), day0, { batchSize: 10 })
    const v2 = await publish(policy(5))
    const pinned = () =>
      db().selectFrom('dunning_cases').select(['policy_version_id', 'steps_done']).execute()
    expect((await pinned()).map((c) => c.policy_version_id)).toEqual([v1.versionId])

    await expect(moveOpenCasesToLive(ctx(), analyst, v2.policyId)).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(await moveOpenCasesToLive(ctx(), admin, v2.policyId)).toEqual({
      versionId: v2.versionId,
      moved: 1,
      customers: 1,
    })
    const [moved] = await pinned()
    expect(moved).toMatchObject({
      policy_version_id: v2.versionId,
      steps_done: ['everyone/notify:email:due-today#1'],
    })

    // The customer is re-evaluated under the new version: its day-5 final notice, once.
    await runSchedulerPass(
      ctx(new Date('2026-03-07T12:00:00Z')),
      new Date('2026-03-07T12:00:00Z'),
      { batchSize: 10 },
    )
    const actions = await db()
      .selectFrom('dunning_actions')
      .select('step_id')
      .orderBy('step_id')
      .execute()
    expect(actions.map((a) => a.step_id)).toEqual([
      'everyone/notify:email:due-today#1',
      'everyone/notify:email:final-notice#1',
    ])
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'cases.moved_to_live')
      .execute()
    expect(audit).toHaveLength(1)
    expect(await moveOpenCasesToLive(ctx(), admin, v2.policyId)).toMatchObject({ moved: 0 })
  })

  it('names an unknown policy', async () => {
    await expect(moveOpenCasesToLive(ctx(), admin, 'nope')).rejects.toMatchObject({
      code: 'not_found',
      details: { field: 'policyId' },
    })
  })
})
