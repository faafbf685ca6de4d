import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { fitResponseModel, generatePlantedHistory, MS_PER_DAY } from '@dun/engine'
import { describeOnDatabases } from '@dun/store/testing'
import { fitResponseModelFromLedger, ServiceError, type ServiceContext } from '../src/index.js'
import { email, insertHistory, insertVersion, sms, type HistoryCase } from './outcomes-history.js'

const T0 = Date.parse('2026-01-05T00:00:00Z')
const HORIZON = 30
const now = new Date(T0 + HORIZON * MS_PER_DAY)

/** SMS on day 3 makes 30% of the unpaid pay within 3 days; the emails 10%. */
const planted = generatePlantedHistory({
  seed: 'ledger',
  cases: 2_000,
  horizonDays: HORIZON,
  segments: { smb: { share: 1, dailyHazard: 0.01 } },
  arms: [
    {
      name: 'B',
      contacts: [
        { day: 0, channel: 'email', response: { '*': 0.1 } },
        { day: 3, channel: 'sms', response: { '*': 0.3 } },
      ],
    },
  ],
})

/** The same history as the scheduler and the event API would have left it in the tables. */
const ledger: HistoryCase[] = planted.map((c) => ({
  invoiceId: `inv-${c.customerId}`,
  segment: c.segment,
  currency: 'USD',
  amountDue: 5_000,
  openedAt: new Date(T0),
  actions: c.contacts.map((contact) => ({
    stepId: `s${contact.day}`,
    action: contact.channel === 'sms' ? sms('reminder') : email('due'),
    decidedAt: new Date(T0 + contact.day * MS_PER_DAY + 3_600_000),
  })),
  payments:
    c.paidDay === null
      ? []
      : [{ at: new Date(T0 + c.paidDay * MS_PER_DAY + 7_200_000), amount: null }],
}))

describeOnDatabases('service_fitted_response_model', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default', now: () => now })

  beforeEach(async () => {
    await sql`truncate experiment_assignments, dunning_actions, dunning_cases, payment_events,
      invoices, customers, policy_versions, policies cascade`.execute(db())
  })

  it('fits from the ledger exactly what the history holds, and recovers the planted SMS effect', async () => {
    await insertHistory(db(), await insertVersion(db(), 'p'), ledger)
    const fitted = await fitResponseModelFromLedger(ctx())
    expect(fitted.cells).toEqual(fitResponseModel(planted).cells)
    const smsCell = fitted.cells.find((c) => c.channel === 'sms' && c.day === 3)!
    expect(Math.abs(smsCell.probability - 0.3)).toBeLessThan(3 * smsCell.standardError)
    expect(fitted.model.fittedFrom).toMatch(/history of 2000 cases/)
  })

  it('says there is nothing to fit on an empty ledger, and what to do instead', async () => {
    const error = await fitResponseModelFromLedger(ctx()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error).toMatchObject({ code: 'not_found', details: { hint: /declared FILE/ } })
  })
})
