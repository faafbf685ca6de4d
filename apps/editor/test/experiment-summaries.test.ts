import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  approveVersion,
  promoteArm,
  recordEvent,
  requestPublish,
  runSchedulerPass,
  saveVersion,
  setFourEyesMode,
  startExperiment,
  upsertCustomers,
  upsertInvoices,
  type ServiceContext,
} from '@dun/service'
import { freshPglite, type TestDatabase } from '@dun/store/testing'
import {
  experimentSummary,
  listExperimentSummaries,
} from '../lib/server/experiments/experiment-summaries.js'
import { startChoices } from '../lib/server/experiments/start-choices.js'

const ada = { username: 'ada', role: 'admin' } as const
const bob = { username: 'bob', role: 'approver' } as const
const policy = (channel: 'email' | 'sms') => `policy "reminders" {
  currencies USD
  anchor due
  stop when invoice.balance <= 0
  segment everyone {
    day 0 email "due-today"
    day 3 ${channel} "reminder"
  }
}`
const day0 = new Date('2026-03-02T12:00:00Z')
const CUSTOMERS = Array.from({ length: 60 }, (_, i) => `c${i}`)

describe('experiment summaries', () => {
  let database: TestDatabase
  let ctx: ServiceContext
  beforeAll(async () => {
    database = await freshPglite(2)
    ctx = { db: database.db, workspace: 'default', now: () => day0 }
  }, 60_000)
  afterAll(() => database.close())

  async function publish(source: string): Promise<string> {
    const version = await saveVersion(ctx, ada, { source })
    await requestPublish(ctx, ada, version.id)
    return version.id
  }

  it('offers each policy’s published versions, then reads an experiment’s verdict and promotion', async () => {
    const email = await publish(policy('email'))
    const sms = await publish(policy('sms'))
    const [choice] = await startChoices(ctx)
    expect(choice?.versions.map((v) => [v.number, v.live])).toEqual([
      [2, true],
      [1, false],
    ])
    expect(choice?.liveExperiment).toBeNull()

    const { experiment } = await startExperiment(ctx, ada, {
      name: 'sms on day 3',
      arms: [
        { name: 'control', versionId: email, weight: 50 },
        { name: 'sms', versionId: sms, weight: 50 },
      ],
      minimumSamplePerArm: 10,
    })
    expect((await startChoices(ctx))[0]?.liveExperiment).toBe('sms on day 3')
    const empty = await experimentSummary(ctx, experiment.id)
    expect(empty?.casesPerArmNeeded).toBe(10)
    expect(empty?.comparisons[0]?.verdict).toMatchObject({ kind: 'interim', casesPerArmNeeded: 10 })
    expect(empty?.comparisons[0]?.text).toMatch(
      /^Interim: do not decide yet, 10 more cases per arm/,
    )

    await upsertCustomers(
      ctx,
      CUSTOMERS.map((id) => ({ id, currency: 'USD', timezone: 'UTC' })),
    )
    await upsertInvoices(
      ctx,
      CUSTOMERS.map((id) => ({
        id: `inv-${id}`,
        customer_id: id,
        amount_due: 5000,
        balance: 5000,
        currency: 'USD',
        issued_at: '2026-02-20T00:00:00Z',
        due_at: '2026-03-02T00:00:00Z',
      })),
    )
    await runSchedulerPass(ctx, day0)
    const collecting = await experimentSummary(ctx, experiment.id)
    expect(collecting?.comparisons[0]?.verdict.kind).toBe('no-difference')

    // Every case of the sms arm is paid two days in; none of the control's.
    const smsCases = await database.db
      .selectFrom('experiment_assignments as a')
      .innerJoin('dunning_cases as c', 'c.id', 'a.case_id')
      .select('c.invoice_id')
      .where('a.arm', '=', 'sms')
      .execute()
    for (const c of smsCases) {
      await recordEvent(ctx, {
        type: 'payment_succeeded',
        invoice_id: c.invoice_id,
        at: '2026-03-04T12:00:00Z',
      })
    }

    const summary = await experimentSummary(ctx, experiment.id)
    expect(summary).toMatchObject({
      name: 'sms on day 3',
      policyName: 'reminders',
      state: 'running',
      leadingArm: 'sms',
    })
    expect(
      summary?.arms.map((a) => [a.name, a.versionNumber, a.sharePercent, a.recoveryRate]),
    ).toEqual([
      ['control', 1, 50, 0],
      ['sms', 2, 50, 1],
    ])
    expect(summary?.arms[1]?.medianDaysToCollect).toBe(2)
    const comparison = summary?.comparisons[0]
    expect(comparison?.verdict.kind).toBe('recovers-more')
    expect(comparison?.text).toMatch(/^Arm “sms” recovers more than “control”: \+100\.0 points/)
    expect(comparison?.interval[0]).toBeGreaterThan(0)
    expect(summary?.intervalLevel).toBe('95%')
    expect(summary?.casesPerArmNeeded).toBe(0)
    expect(
      summary?.bySegment.map((seg) => [
        seg.segment,
        seg.cases,
        seg.comparisons[0]?.casesPerArmNeeded,
        seg.comparisons[0]?.difference,
      ]),
    ).toEqual([['everyone', CUSTOMERS.length, 0, 1]])
    // The list reads the same verdict without the bootstrap of days to collect or the segments.
    const listed = await listExperimentSummaries(ctx, 'running')
    expect(listed.map((e) => e.id)).toEqual([experiment.id])
    expect(listed[0]?.comparisons[0]).toMatchObject({
      verdict: comparison?.verdict,
      daysToCollect: null,
    })
    expect(listed[0]).not.toHaveProperty('bySegment')

    await setFourEyesMode(ctx, ada, true)
    await promoteArm(ctx, ada, experiment.id, 'sms', 'sms wins')
    const promoted = await experimentSummary(ctx, experiment.id)
    expect(promoted).toMatchObject({
      state: 'promoted',
      promotedArm: 'sms',
      endedBy: 'ada',
      promotedVersion: { number: 3, state: 'pending_approval', author: 'ada' },
    })
    expect(await listExperimentSummaries(ctx, 'running')).toEqual([])
    expect(await listExperimentSummaries(ctx, 'all')).toHaveLength(1)

    await approveVersion(ctx, bob, promoted!.promotedVersion!.id, 'agreed')
    const published = await experimentSummary(ctx, experiment.id)
    expect(published?.promotedVersion?.state).toBe('published')
    expect((await startChoices(ctx))[0]?.liveExperiment).toBeNull()
  })

  it('knows no experiment for an unknown or malformed id', async () => {
    expect(await experimentSummary(ctx, 'not-a-uuid')).toBeNull()
    expect(await experimentSummary(ctx, '00000000-0000-4000-8000-000000000000')).toBeNull()
  })
})
