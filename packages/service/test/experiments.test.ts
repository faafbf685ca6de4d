import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import { findPolicy, listAudit, setFourEyes } from '@dun/store'
import {
  approveVersion,
  assignArm,
  experimentResults,
  promoteArm,
  recordEvent,
  requestPublish,
  runSchedulerPass,
  saveVersion,
  startExperiment,
  stopExperiment,
  upsertCustomers,
  upsertInvoices,
  type Actor,
  type ServiceContext,
} from '../src/index.js'

const ada: Actor = { username: 'ada', role: 'admin' }
const bob: Actor = { username: 'bob', role: 'approver' }
const ana: Actor = { username: 'ana', role: 'analyst' }

const policy = (channel: 'email' | 'sms') => `policy "p" {
  currencies USD
  anchor due
  stop when invoice.balance <= 0
  segment everyone {
    day 0 email "due-today"
    day 3 ${channel} "reminder"
  }
}`

const day0 = new Date('2026-03-02T12:00:00Z')
const CUSTOMERS = Array.from({ length: 40 }, (_, i) => `c${i}`)

describeOnDatabases('service_experiments', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default', now: () => day0 })

  async function publish(source: string): Promise<string> {
    const version = await saveVersion(ctx(), ada, { source })
    await requestPublish(ctx(), ada, version.id)
    return version.id
  }

  async function seed(customers: readonly string[], suffix = '') {
    await upsertCustomers(
      ctx(),
      customers.map((id) => ({ id, currency: 'USD', timezone: 'UTC' })),
    )
    await upsertInvoices(
      ctx(),
      customers.map((id) => ({
        id: `inv-${id}${suffix}`,
        customer_id: id,
        amount_due: 5000,
        balance: 5000,
        currency: 'USD',
        issued_at: '2026-02-20T00:00:00Z',
        due_at: '2026-03-02T00:00:00Z',
      })),
    )
  }

  const cases = () =>
    db()
      .selectFrom('dunning_cases as c')
      .leftJoin('experiment_assignments as a', 'a.case_id', 'c.id')
      .select(['c.customer_id', 'c.invoice_id', 'c.policy_version_id', 'a.arm', 'a.experiment_id'])
      .orderBy('c.invoice_id')
      .execute()

  let control = ''
  let treatment = ''

  beforeEach(async () => {
    await sql`truncate experiment_assignments, experiment_arms, experiments, dunning_actions,
      dunning_cases, customer_schedule, payment_events, invoices, customers, approvals,
      policy_versions, policies, audit_log, workspace_settings cascade`.execute(db())
    control = await publish(policy('email'))
    treatment = await publish(policy('sms'))
  })

  const start = (minimumSamplePerArm = 5) =>
    startExperiment(ctx(), ada, {
      name: 'sms on day 3',
      arms: [
        { name: 'control', versionId: control, weight: 50 },
        { name: 'sms', versionId: treatment, weight: 50 },
      ],
      minimumSamplePerArm,
    })

  it('pins each new case to its customer’s arm by the stable hash, and records the arm', async () => {
    const { experiment, arms } = await start()
    await seed(CUSTOMERS)
    await runSchedulerPass(ctx(), day0)
    const opened = await cases()
    expect(opened).toHaveLength(CUSTOMERS.length)
    const versionOf = new Map(arms.map((arm) => [arm.name, arm.version_id]))
    for (const c of opened) {
      const arm = assignArm('default', experiment.id, c.customer_id, arms)
      expect(c).toMatchObject({ arm, experiment_id: experiment.id })
      expect(c.policy_version_id).toBe(versionOf.get(arm))
    }
    expect(new Set(opened.map((c) => c.arm))).toEqual(new Set(['control', 'sms']))
  })

  it('keeps a customer in the same arm for every later case', async () => {
    await start()
    await seed(CUSTOMERS)
    await runSchedulerPass(ctx(), day0)
    await seed(CUSTOMERS, '-2')
    await runSchedulerPass(ctx(), day0)
    const all = await cases()
    const armOf = new Map<string, string | null>()
    for (const c of all) {
      if (armOf.has(c.customer_id)) expect(c.arm).toBe(armOf.get(c.customer_id))
      else armOf.set(c.customer_id, c.arm)
    }
    expect(all).toHaveLength(2 * CUSTOMERS.length)
  })

  it('reports recovery per arm from the payments, with no verdict below the minimum sample', async () => {
    const { experiment } = await start(1_000)
    await seed(CUSTOMERS)
    await runSchedulerPass(ctx(), day0)
    const opened = await cases()
    const paid = opened.filter((c) => c.arm === 'sms')
    for (const c of paid) {
      await recordEvent(ctx(), {
        type: 'payment_succeeded',
        invoice_id: c.invoice_id,
        at: '2026-03-04T12:00:00Z',
      })
    }
    const results = await experimentResults(ctx(), experiment.id)
    const [controlArm, smsArm] = results.analysis.arms
    expect(controlArm).toMatchObject({ arm: 'control', recovered: 0 })
    expect(smsArm).toMatchObject({ arm: 'sms', cases: paid.length, recovered: paid.length })
    expect(smsArm?.medianDaysToCollect).toBe(2)
    expect(controlArm!.cases + smsArm!.cases).toBe(CUSTOMERS.length)
    expect(results.analysis.comparisons[0]?.verdict).toBe('not-enough-data')
  })

  it('refuses an analyst, an unpublished arm and a second live experiment, each saying why', async () => {
    await expect(
      startExperiment(ctx(), ana, {
        name: 'x',
        arms: [
          { name: 'a', versionId: control, weight: 1 },
          { name: 'b', versionId: treatment, weight: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'forbidden', message: /ana is an analyst/ })
    const draft = await saveVersion(ctx(), ada, { source: policy('sms') + '\n# draft\n' })
    await expect(
      startExperiment(ctx(), ada, {
        name: 'x',
        arms: [
          { name: 'a', versionId: control, weight: 1 },
          { name: 'b', versionId: draft.id, weight: 1 },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: /arm "b": version 3 was never published \(it is draft\)/,
    })
    await expect(
      startExperiment(ctx(), ada, {
        name: 'x',
        arms: [{ name: 'a', versionId: control, weight: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: /at least two arms/ })
    await start()
    await expect(start()).rejects.toMatchObject({ code: 'conflict', message: /still live/ })
  })

  it('refuses arms outside the policy the analyst chose, naming the arm’s version field', async () => {
    const other = await publish(policy('sms').replace('policy "p"', 'policy "q"'))
    const { policy_id: chosen } = await db()
      .selectFrom('policy_versions')
      .select('policy_id')
      .where('id', '=', control)
      .executeTakeFirstOrThrow()
    const arms = (second: string) => [
      { name: 'control', versionId: control, weight: 50 },
      { name: 'sms', versionId: second, weight: 50 },
    ]
    await expect(
      startExperiment(ctx(), ada, { name: 'x', policyId: chosen, arms: arms(other) }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: { field: 'arms.1.versionId' },
      message: /arm "sms" runs version 1 of another policy than the one chosen/,
    })
    const started = await startExperiment(ctx(), ada, {
      name: 'x',
      policyId: chosen,
      arms: arms(treatment),
    })
    expect(started.experiment.policy_id).toBe(chosen)
  })

  it('stops: new cases start under the live version again, unassigned', async () => {
    const { experiment } = await start()
    await stopExperiment(ctx(), bob, experiment.id, 'enough')
    await seed(CUSTOMERS.slice(0, 3))
    await runSchedulerPass(ctx(), day0)
    for (const c of await cases())
      expect(c).toMatchObject({ policy_version_id: treatment, arm: null })
    await expect(stopExperiment(ctx(), bob, experiment.id)).rejects.toMatchObject({
      code: 'conflict',
      message: /is stopped, not running/,
    })
    expect((await listAudit(db(), 'default')).map((a) => a.action)).toEqual(
      expect.arrayContaining(['experiment.started', 'experiment.stopped']),
    )
  })

  it('promotes through the publishing rule: with four-eyes the winner waits for a second person', async () => {
    await setFourEyes(db(), 'default', true)
    const { experiment } = await start()
    const promoted = await promoteArm(ctx(), bob, experiment.id, 'control', 'control wins')
    expect(promoted).toMatchObject({ arm: 'control', state: 'pending_approval' })
    // Until the winner is approved, the traffic stays split.
    await seed(CUSTOMERS.slice(0, 10))
    await runSchedulerPass(ctx(), day0)
    expect((await cases()).every((c) => c.experiment_id === experiment.id)).toBe(true)
    await expect(approveVersion(ctx(), bob, promoted.versionId)).rejects.toMatchObject({
      code: 'forbidden',
    })
    await approveVersion(ctx(), ada, promoted.versionId)
    const policyRow = await db().selectFrom('policies').select('id').executeTakeFirstOrThrow()
    expect((await findPolicy(db(), 'default', policyRow.id))?.live_version_id).toBe(
      promoted.versionId,
    )
    await seed(CUSTOMERS.slice(0, 10), '-2')
    await runSchedulerPass(ctx(), day0)
    const later = (await cases()).filter((c) => c.invoice_id.endsWith('-2'))
    for (const c of later)
      expect(c).toMatchObject({ policy_version_id: promoted.versionId, arm: null })
    const actions = (await listAudit(db(), 'default')).map((a) => a.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'experiment.promoted',
        'version.approval_requested',
        'version.published',
      ]),
    )
  })

  it('refuses to promote an arm the experiment does not have, naming the arms it has', async () => {
    const { experiment } = await start()
    await expect(promoteArm(ctx(), ada, experiment.id, 'nope')).rejects.toMatchObject({
      code: 'not_found',
      details: { hint: 'its arms are "control", "sms"' },
    })
  })
})
