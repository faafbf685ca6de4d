import { beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import {
  attributionReport,
  collectTimes,
  dsoOverTime,
  recoveryCurves,
  recoveryFunnel,
  recoveryReport,
  refreshOutcomes,
  type ServiceContext,
} from '../src/index.js'
import { insertHistory, insertVersion } from './outcomes-history.js'
import {
  DEFAULT_PLANT,
  LATE_PAYMENT_DAY,
  LATE_PAYMENT_SHARE,
  plantedHistory,
} from './outcomes-planted-history.js'

/**
 * Every figure of the Outcomes page against the planted history, its two arms run as two
 * policy versions in two segments: the SMS arm (version "sms", segment smb) answers its
 * day-3 nudge 8 points more often than the email arm (version "email", segment enterprise).
 *
 * The truth, per arm with nudge response p: a case pays within the nudge's window with
 * probability p, else on day 20 with probability 1/2, else it is written off on day 30.
 * So it is recovered with probability p + (1 − p)/2. A window payment lands uniformly
 * between 3 d 1.5 h and 6 d 0.5 h after opening (71 hours): on day 3, 4, 5 or 6 with the
 * shares below. Each rate is a proportion over 2,000 cases; the stated error is 3 standard
 * errors of it (of the difference, for differences).
 */
const n = DEFAULT_PLANT.casesPerArm
const AMOUNT = 10_000
const WINDOW_DAYS: Readonly<Record<number, number>> = {
  3: 22.5 / 71,
  4: 24 / 71,
  5: 24 / 71,
  6: 0.5 / 71,
}
const ARMS = {
  sms: { nudge: 'sms-d3', response: DEFAULT_PLANT.baseRate + DEFAULT_PLANT.effect },
  email: { nudge: 'email-d3', response: DEFAULT_PLANT.baseRate },
}
const recoveredRate = (p: number) => p + (1 - p) * LATE_PAYMENT_SHARE
const se = (q: number) => Math.sqrt((q * (1 - q)) / n)
const within = (estimate: number, truth: number, bound: number) =>
  expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(bound)

/** Days to collect of a paying case of an arm: the window days, or the late day. */
function paidDays(p: number): Map<number, number> {
  const paid = recoveredRate(p)
  const days = new Map<number, number>()
  for (const [day, share] of Object.entries(WINDOW_DAYS)) days.set(+day, (p * share) / paid)
  days.set(LATE_PAYMENT_DAY, ((1 - p) * LATE_PAYMENT_SHARE) / paid)
  return days
}

/**
 * The nearest-rank quantile of a true distribution, and how far (in standard errors of a
 * cumulative share over `count` payments) the nearest cumulative share is from `q`: at 2.5
 * or more, the sampled quantile is that same day but about once in 80 histories (the
 * enterprise median, whose true day-5 share is 0.458, is the closest call).
 */
function trueQuantile(days: Map<number, number>, q: number, count: number) {
  let cumulative = 0
  let day = 0
  let margin = Infinity
  for (const [d, share] of [...days].sort(([a], [b]) => a - b)) {
    cumulative += share
    margin = Math.min(margin, Math.abs(cumulative - q))
    if (cumulative >= q && day === 0) day = d
  }
  return { day, margins: margin / Math.sqrt((q * (1 - q)) / count) }
}

describeOnDatabases('service_outcomes_figures_planted', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })
  const version = { sms: '', email: '' }

  beforeAll(async () => {
    await sql`truncate customers, invoices, payment_events, policies, policy_versions, dunning_cases,
      dunning_actions, payment_outcomes, payment_attributions, outcome_rollups,
      outcome_collect_days, outcome_watermarks, case_outcomes, outcome_case_rollups, outcome_monthly,
      outcome_funnel_cases, outcome_funnel_versions, outcome_funnel_steps, outcome_collect_credits,
      outcome_first_payments, outcome_recovery_days, outcome_open_days cascade`.execute(db())
    const history = plantedHistory()
    version.sms = await insertVersion(db(), 'sms')
    version.email = await insertVersion(db(), 'email')
    const arm = (nudge: string) => history.filter((c) => c.invoiceId.startsWith(`${nudge}-`))
    await insertHistory(db(), version.sms, arm(ARMS.sms.nudge))
    await insertHistory(
      db(),
      version.email,
      arm(ARMS.email.nudge).map((c) => ({ ...c, segment: 'enterprise' })),
    )
    await refreshOutcomes(ctx())
  }, 180_000)

  it('funnel: every closed case reaches the day-0 email and its nudge; the unpaid reach the write-off', async () => {
    const funnels = await recoveryFunnel(ctx())
    expect(funnels).toHaveLength(2)
    for (const name of ['sms', 'email'] as const) {
      const funnel = funnels.find((f) => f.policyVersionId === version[name])
      if (!funnel) throw new Error(`no funnel for the ${name} version`)
      const recovered = funnel.recoveredCases
      const truth = recoveredRate(ARMS[name].response)
      expect(funnel.closedCases).toBe(n)
      within(recovered / n, truth, 3 * se(truth))
      expect(funnel.recoveredAmount).toBe(recovered * AMOUNT)
      expect(funnel.steps).toEqual([
        {
          stepId: 'e0',
          casesReached: n,
          meanDayReached: 0,
          recoveredAfter: recovered,
          recoveredAfterRate: recovered / n,
          amountRecoveredAfter: recovered * AMOUNT,
        },
        {
          stepId: ARMS[name].nudge,
          casesReached: n,
          meanDayReached: 3,
          recoveredAfter: recovered,
          recoveredAfterRate: recovered / n,
          amountRecoveredAfter: recovered * AMOUNT,
        },
        {
          stepId: 'w30',
          casesReached: n - recovered,
          meanDayReached: 30,
          recoveredAfter: 0,
          recoveredAfterRate: 0,
          amountRecoveredAfter: 0,
        },
      ])
    }
  })

  it('curves: by day 6 the SMS version has recovered the planted 8 points more, and each ends at its recovery rate', async () => {
    const curves = await recoveryCurves(ctx())
    const shareBy = (name: 'sms' | 'email', day: number) => {
      const curve = curves.find((c) => c.policyVersionId === version[name])
      expect(curve?.cases).toBe(n)
      return curve?.points.filter((p) => p.day <= day).at(-1)?.share ?? 0
    }
    const { sms, email } = ARMS
    within(shareBy('sms', 6), sms.response, 3 * se(sms.response))
    within(shareBy('email', 6), email.response, 3 * se(email.response))
    const difference = shareBy('sms', 6) - shareBy('email', 6)
    const bound = 3 * Math.sqrt(se(sms.response) ** 2 + se(email.response) ** 2)
    expect(bound).toBeLessThan(0.046)
    within(difference, DEFAULT_PLANT.effect, bound)
    expect(difference - bound).toBeGreaterThan(0)
    for (const name of ['sms', 'email'] as const) {
      const truth = recoveredRate(ARMS[name].response)
      within(shareBy(name, LATE_PAYMENT_DAY), truth, 3 * se(truth))
    }
  })

  it('channels: last touch credits the nudge channels with the planted effect; position-based splits each payment between the two messages', async () => {
    const channels = await attributionReport(ctx(), 'channel')
    const credited = (model: string, key: string) =>
      channels.find((f) => f.model === model && f.key === key)?.payments ?? 0
    const bound = 3 * Math.sqrt(se(ARMS.sms.response) ** 2 + se(ARMS.email.response) ** 2)
    within(
      credited('last_touch', 'sms') / n - credited('last_touch', 'email') / n,
      DEFAULT_PLANT.effect,
      bound,
    )
    const [smsRecovery] = await recoveryReport(ctx(), 'version').then((all) =>
      all.filter((f) => f.key === version.sms),
    )
    expect(credited('position', 'sms')).toBeCloseTo((smsRecovery?.recoveredCases ?? 0) / 2, 6)
    expect(credited('position', 'sms') + credited('position', 'email')).toBeCloseTo(
      credited('last_touch', 'sms') +
        credited('last_touch', 'email') +
        credited('last_touch', 'unattributed'),
      6,
    )
  })

  it('days to collect by segment, step and channel: the median and p90 of the planted days', async () => {
    const expectTimes = async (
      by: 'segment' | 'step' | 'channel',
      key: string,
      model: string | null,
      days: Map<number, number>,
      /** Credited payments per payment behind them: 1/2 when each is split between two messages. */
      creditPerPayment = 1,
    ) => {
      const time = (await collectTimes(ctx(), by)).find((t) => t.key === key && t.model === model)
      if (!time) throw new Error(`no days to collect for ${by} ${key} (${model})`)
      const payments = time.payments / creditPerPayment
      const median = trueQuantile(days, 0.5, payments)
      const p90 = trueQuantile(days, 0.9, payments)
      expect(Math.min(median.margins, p90.margins)).toBeGreaterThanOrEqual(2.5)
      expect([time.medianDays, time.p90Days]).toEqual([median.day, p90.day])
    }
    const window = new Map(Object.entries(WINDOW_DAYS).map(([d, s]) => [+d, s]))
    const sms = paidDays(ARMS.sms.response)
    const email = paidDays(ARMS.email.response)
    await expectTimes('segment', 'smb', null, sms)
    await expectTimes('segment', 'enterprise', null, email)
    // Last touch credits a nudge with its window payments only; position-based with half
    // of every payment of its arm, so its days are the arm's.
    await expectTimes('step', 'sms-d3', 'last_touch', window)
    await expectTimes('step', 'email-d3', 'last_touch', window)
    await expectTimes('step', 'sms-d3', 'position', sms, 1 / 2)
    await expectTimes('step', 'unattributed', 'last_touch', new Map([[LATE_PAYMENT_DAY, 1]]))
    await expectTimes('channel', 'sms', 'last_touch', window)
    await expectTimes('channel', 'email', 'last_touch', window)
  })

  it('recovery by version, segment and cohort, with churn and messages per unit recovered', async () => {
    for (const [by, keys] of [
      ['version', version],
      ['segment', { sms: 'smb', email: 'enterprise' }],
    ] as const) {
      const figures = await recoveryReport(ctx(), by)
      for (const name of ['sms', 'email'] as const) {
        const figure = figures.find((f) => f.key === keys[name])
        if (!figure) throw new Error(`no recovery by ${by} for ${keys[name]}`)
        const truth = recoveredRate(ARMS[name].response)
        expect(figure.cases).toBe(n)
        within(figure.rateByCount, truth, 3 * se(truth))
        expect(figure.rateByAmount).toBeCloseTo(figure.rateByCount, 12)
        // Every unpaid case was written off; every closed case got two messages.
        expect(figure.writeOffs).toBe(n - figure.recoveredCases)
        expect(figure.churnRate).toBeCloseTo(1 - figure.rateByCount, 12)
        expect(figure.messagesPerUnitRecovered).toBeCloseTo(
          (2 * n) / ((figure.recoveredCases * AMOUNT) / 100),
          12,
        )
      }
    }
    const [cohort, ...others] = await recoveryReport(ctx(), 'cohort')
    expect(others).toEqual([])
    expect(cohort?.key).toBe('2026-01')
    const truth = (recoveredRate(ARMS.sms.response) + recoveredRate(ARMS.email.response)) / 2
    within(cohort?.rateByCount ?? 0, truth, 3 * Math.sqrt((truth * (1 - truth)) / (2 * n)))
  })

  it('DSO: the amount-weighted days to collect of the SMS version is the planted mean days', async () => {
    const points = (await dsoOverTime(ctx())).filter((p) => p.policyVersionId === version.sms)
    const amount = points.reduce((sum, p) => sum + p.amount, 0)
    const dso = points.reduce((sum, p) => sum + p.dsoDays * p.amount, 0) / amount
    const days = paidDays(ARMS.sms.response)
    const mean = [...days].reduce((sum, [d, share]) => sum + d * share, 0)
    const variance = [...days].reduce((sum, [d, share]) => sum + (d - mean) ** 2 * share, 0)
    const payments = amount / AMOUNT
    within(dso, mean, 3 * Math.sqrt(variance / payments))
  })
})
