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
import { insertHistory, insertVersion, shiftedCase, type HistoryCase } from './outcomes-history.js'
import {
  DEFAULT_PLANT,
  LATE_PAYMENT_DAY,
  LATE_PAYMENT_SHARE,
  plantedHistory,
} from './outcomes-planted-history.js'
import {
  collectedByMonth,
  paidWithinDaysOf,
  creditedDays,
  nearestRankDay,
  paymentsOf,
  recoveryByCohort,
} from './outcomes-row-figures.js'

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
 *
 * Two cohorts: the second half of each arm's cases happened 31 days later (every date of a
 * case moved together), so the first half failed, was nudged and paid in January (its late
 * payments on Jan 25–29), the second half failed in February, was nudged and paid in the
 * window in February, and paid late on Mar 1–6.
 */
const n = DEFAULT_PLANT.casesPerArm
const COHORT_SHIFT_MS = 31 * 86_400_000
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
  const rows: Record<'sms' | 'email', HistoryCase[]> = { sms: [], email: [] }

  beforeAll(async () => {
    await sql`truncate customers, invoices, payment_events, policies, policy_versions, dunning_cases,
      dunning_actions, payment_outcomes, payment_attributions, outcome_rollups,
      outcome_collect_days, outcome_watermarks, case_outcomes, outcome_case_rollups, outcome_monthly,
      outcome_funnel_cases, outcome_funnel_versions, outcome_funnel_steps, outcome_collect_credits,
      outcome_first_payments, outcome_recovery_days, outcome_open_days cascade`.execute(db())
    const history = plantedHistory()
    version.sms = await insertVersion(db(), 'sms')
    version.email = await insertVersion(db(), 'email')
    const arm = (nudge: string) =>
      history
        .filter((c) => c.invoiceId.startsWith(`${nudge}-`))
        .map((c, i) => (i < n / 2 ? c : shiftedCase(c, COHORT_SHIFT_MS)))
    rows.sms = arm(ARMS.sms.nudge)
    rows.email = arm(ARMS.email.nudge).map((c) => ({ ...c, segment: 'enterprise' }))
    await insertHistory(db(), version.sms, rows.sms)
    await insertHistory(db(), version.email, rows.email)
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

  it('amount credited by channel: last touch credits a nudge channel its window payments, position-based half of every payment after each message', async () => {
    const channels = await attributionReport(ctx(), 'channel')
    const credited = (model: string, key: string) => {
      const figure = channels.find((f) => f.model === model && f.key === key)
      if (!figure) throw new Error(`no ${model} credit for channel ${key}`)
      expect(figure.currency).toBe('USD')
      return figure.amount
    }
    const window = {
      sms: paidWithinDaysOf(rows.sms, ARMS.sms.nudge, 3),
      email: paidWithinDaysOf(rows.email, ARMS.email.nudge, 3),
    }
    const paid = { sms: paymentsOf(rows.sms).length, email: paymentsOf(rows.email).length }
    expect(credited('last_touch', 'sms')).toBe(window.sms * AMOUNT)
    expect(credited('last_touch', 'email')).toBe(window.email * AMOUNT)
    expect(credited('last_touch', 'unattributed')).toBe(
      (paid.sms - window.sms + paid.email - window.email) * AMOUNT,
    )
    expect(credited('position', 'sms')).toBeCloseTo((paid.sms / 2) * AMOUNT, 6)
    expect(credited('position', 'email')).toBeCloseTo((paid.sms / 2 + paid.email) * AMOUNT, 6)
    // Against the truth: per case, the window share is the nudge response; the SMS channel's
    // position-based share is half the SMS arm's recovery.
    const { sms, email } = ARMS
    within(credited('last_touch', 'sms') / (n * AMOUNT), sms.response, 3 * se(sms.response))
    within(credited('last_touch', 'email') / (n * AMOUNT), email.response, 3 * se(email.response))
    const smsRecovered = recoveredRate(sms.response)
    within(credited('position', 'sms') / (n * AMOUNT), smsRecovered / 2, (3 * se(smsRecovered)) / 2)
  })

  it('days to collect by segment, step and channel: the median and p90 of the planted days', async () => {
    const expectTimes = async (
      by: 'segment' | 'step' | 'channel',
      key: string,
      model: string | null,
      days: Map<number, number>,
      /**
       * How many whole payments the credited shares weigh as (the sample size of a cumulative
       * share): the payments behind them unless credit is split between messages.
       */
      sampled?: number,
    ) => {
      const time = (await collectTimes(ctx(), by)).find((t) => t.key === key && t.model === model)
      if (!time) throw new Error(`no days to collect for ${by} ${key} (${model})`)
      const payments = sampled ?? time.payments
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
    const paid = { sms: paymentsOf(rows.sms).length, email: paymentsOf(rows.email).length }
    await expectTimes('step', 'sms-d3', 'position', sms, paid.sms)
    await expectTimes('step', 'unattributed', 'last_touch', new Map([[LATE_PAYMENT_DAY, 1]]))
    await expectTimes('channel', 'sms', 'last_touch', window)
    await expectTimes('channel', 'email', 'last_touch', window)
  })

  it('days to collect by channel under position-based credit: half of each payment after the SMS, the rest to email', async () => {
    const sms = paidDays(ARMS.sms.response)
    const email = paidDays(ARMS.email.response)
    const paid = { sms: paymentsOf(rows.sms).length, email: paymentsOf(rows.email).length }
    const channels = await collectTimes(ctx(), 'channel')
    const time = (key: string) => {
      const found = channels.find((t) => t.key === key && t.model === 'position')
      if (!found) throw new Error(`no position-based days to collect for channel ${key}`)
      return found
    }
    // SMS: half of every SMS-arm payment. Email: the other half (the day-0 email), and all of
    // every email-arm payment (its day-0 email and its nudge).
    expect(time('sms').payments).toBeCloseTo(paid.sms / 2, 9)
    expect(time('email').payments).toBeCloseTo(paid.sms / 2 + paid.email, 9)
    expect(channels.filter((t) => t.model === 'position').map((t) => t.key)).toEqual([
      'email',
      'sms',
    ])
    const smsTruth = {
      median: trueQuantile(sms, 0.5, paid.sms),
      p90: trueQuantile(sms, 0.9, paid.sms),
    }
    expect(Math.min(smsTruth.median.margins, smsTruth.p90.margins)).toBeGreaterThanOrEqual(2.5)
    expect([time('sms').medianDays, time('sms').p90Days]).toEqual([
      smsTruth.median.day,
      smsTruth.p90.day,
    ])
    // The email channel's credited days mix both arms; its true median sits at 0.49 by day 6,
    // a coin flip between day 6 and day 20, so the test checks the share credited by day 6
    // against the truth and the median and p90 against the rows' own credited days.
    const rowDays = creditedDays([
      { cases: rows.sms, weight: 1 / 2 },
      { cases: rows.email, weight: 1 },
    ])
    expect(time('email').distribution.map((d) => d.day)).toEqual(rowDays.map(([day]) => day))
    time('email').distribution.forEach((d, i) =>
      expect(d.payments).toBeCloseTo(rowDays[i]?.[1] ?? NaN, 9),
    )
    expect([time('email').medianDays, time('email').p90Days]).toEqual([
      nearestRankDay(rowDays, 0.5),
      nearestRankDay(rowDays, 0.9),
    ])
    const smsMass = recoveredRate(ARMS.sms.response) / 2
    const emailMass = recoveredRate(ARMS.email.response)
    const windowShare = (days: Map<number, number>) =>
      [...days].reduce((sum, [day, share]) => sum + (day <= 6 ? share : 0), 0)
    const truth =
      (smsMass * windowShare(sms) + emailMass * windowShare(email)) / (smsMass + emailMass)
    // A weighted share's sample size: (Σw)² / Σw², weights 1/2 (SMS arm) and 1 (email arm).
    const sampled = (paid.sms / 2 + paid.email) ** 2 / (paid.sms / 4 + paid.email)
    const byDay6 = time('email').distribution.reduce(
      (sum, d) => sum + (d.day <= 6 ? d.payments : 0),
      0,
    )
    within(byDay6 / time('email').payments, truth, 3 * Math.sqrt((truth * (1 - truth)) / sampled))
  })

  it('recovery by version and segment, with churn and messages per unit recovered', async () => {
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
  })

  it("recovery by cohort: each month of first failure holds its own cases and recovers both arms' mean rate", async () => {
    const cohorts = await recoveryReport(ctx(), 'cohort')
    const expected = recoveryByCohort([...rows.sms, ...rows.email])
    expect(expected.map((c) => [c.cohort, c.cases])).toEqual([
      ['2026-01', n],
      ['2026-02', n],
    ])
    expect(
      cohorts.map((c) => [c.key, c.currency, c.cases, c.recoveredCases, c.recoveredAmount]),
    ).toEqual(expected.map((c) => [c.cohort, 'USD', c.cases, c.recoveredCases, c.recoveredAmount]))
    // Half of each arm per cohort: the truth is the arms' mean rate, with the standard error
    // of a proportion over n/2 cases of each.
    const [sms, email] = [recoveredRate(ARMS.sms.response), recoveredRate(ARMS.email.response)]
    const truth = (sms + email) / 2
    const bound = 3 * Math.sqrt((sms * (1 - sms) + email * (1 - email)) / (2 * n))
    for (const cohort of cohorts) {
      within(cohort.rateByCount, truth, bound)
      expect(cohort.writeOffs).toBe(cohort.cases - cohort.recoveredCases)
    }
  })

  it("DSO per month of payment: the rows' own figures; January is the arm's mean days, February its window days, March the late day", async () => {
    const points = await dsoOverTime(ctx())
    const window = new Map(Object.entries(WINDOW_DAYS).map(([d, s]) => [+d, s]))
    const withinMean = (dso: number, payments: number, days: Map<number, number>) => {
      const mean = [...days].reduce((sum, [d, share]) => sum + d * share, 0)
      const variance = [...days].reduce((sum, [d, share]) => sum + (d - mean) ** 2 * share, 0)
      within(dso, mean, 3 * Math.sqrt(variance / payments))
    }
    for (const name of ['sms', 'email'] as const) {
      const mine = points.filter((p) => p.policyVersionId === version[name])
      const expected = collectedByMonth(rows[name])
      expect(expected.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03'])
      expect(mine.map((p) => [p.month, p.currency, p.payments, p.amount])).toEqual(
        expected.map((m) => [m.month, 'USD', m.payments, m.amount]),
      )
      mine.forEach((p, i) => expect(p.dsoDays).toBeCloseTo(expected[i]?.dsoDays ?? NaN, 9))
      const [january, february, march] = mine
      if (!january || !february || !march) throw new Error(`no DSO of three months for ${name}`)
      withinMean(january.dsoDays, january.payments, paidDays(ARMS[name].response))
      withinMean(february.dsoDays, february.payments, window)
      expect(march.dsoDays).toBe(LATE_PAYMENT_DAY)
    }
  })
})
