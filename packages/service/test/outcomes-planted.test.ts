import { beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import { attributionReport, refreshOutcomes, type ServiceContext } from '../src/index.js'
import { insertHistory, insertVersion } from './outcomes-history.js'
import { DEFAULT_PLANT, plantedHistory } from './outcomes-planted-history.js'

/**
 * The stated error of last-touch attribution on this design: the recovered effect (SMS
 * credits per SMS sent minus email credits per email sent, both on day 3 in the same
 * segment) is a difference of two proportions, so it lies within 3 standard errors of the
 * planted effect — for 2,000 cases per arm, about ±4.5 points around 8.
 */
function errorBound(n: number, p0: number, p1: number): number {
  return 3 * Math.sqrt((p0 * (1 - p0)) / n + (p1 * (1 - p1)) / n)
}

describeOnDatabases('service_outcomes_planted', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })

  beforeAll(async () => {
    await sql`truncate customers, invoices, payment_events, policies, policy_versions, dunning_cases,
      dunning_actions, payment_outcomes, payment_attributions, outcome_rollups,
      outcome_collect_days, outcome_watermarks, case_outcomes, outcome_case_rollups, outcome_monthly,
      outcome_funnel_cases, outcome_funnel_versions, outcome_funnel_steps, outcome_collect_credits,
      outcome_first_payments, outcome_recovery_days, outcome_open_days cascade`.execute(db())
    await insertHistory(db(), await insertVersion(db(), 'planted'), plantedHistory())
    await refreshOutcomes(ctx())
  }, 120_000)

  it('recovers the planted SMS effect within its stated error', async () => {
    const { casesPerArm: n, baseRate, effect } = DEFAULT_PLANT
    const steps = await attributionReport(ctx(), 'step')
    const credited = (key: string) =>
      steps.find((f) => f.model === 'last_touch' && f.key === key && f.currency === 'USD')
        ?.payments ?? 0
    const estimate = credited('sms-d3') / n - credited('email-d3') / n
    const bound = errorBound(n, baseRate, baseRate + effect)
    expect(bound).toBeLessThan(0.046)
    expect(Math.abs(estimate - effect)).toBeLessThanOrEqual(bound)
    // And the effect is told apart from none.
    expect(estimate - bound).toBeGreaterThan(0)
  })

  it('leaves payments outside every window unattributed under last touch only', async () => {
    const steps = await attributionReport(ctx(), 'step')
    const unattributed = steps.find((f) => f.model === 'last_touch' && f.key === 'unattributed')
    expect(unattributed?.payments).toBeGreaterThan(0)
    expect(steps.some((f) => f.model === 'position' && f.key === 'unattributed')).toBe(false)
    // Both models credit every payment exactly once in total.
    const total = (model: string) =>
      steps.filter((f) => f.model === model).reduce((sum, f) => sum + f.payments, 0)
    expect(total('position')).toBeCloseTo(total('last_touch'), 6)
  })
})
