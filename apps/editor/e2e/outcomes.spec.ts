import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator } from '@playwright/test'
import type { Kysely } from 'kysely'
import { connect, openDatabase, type Database } from '@dun/store'
import { signIn, snap } from './helpers'

/**
 * A history whose figures are known, written into the stack's database as the runner would
 * have recorded it, 40 days ago, in a currency no other spec uses (its tables are its own):
 * ten cases under saas-cards v1, each sent an email on day 0 and an SMS on day 3. Four pay
 * on day 4 (the day after the SMS), two on day 10 (outside any last-touch window), four
 * never pay and are written off on day 30.
 */
const CURRENCY = 'CHF'
const WS = 'default'
const DAY = 86_400_000
const HOUR = 3_600_000
const CASES = 10
const AMOUNT = 10_000
const POLICY = 'saas-cards'
const paidOnDay = (i: number) => (i < 4 ? 4 : i < 6 ? 10 : null)

async function stackDatabase(): Promise<Kysely<Database>> {
  const file = join(tmpdir(), `dun-e2e-stack-${process.env.DUN_E2E_PORT}.json`)
  const { home } = JSON.parse(readFileSync(file, 'utf8')) as { home: string }
  const handle = await openDatabase({
    dir: join(home, '.dun'),
    env: { ...process.env, DATABASE_URL: '' },
  })
  return connect({ url: handle.url, max: 1 })
}

async function liveVersion(db: Kysely<Database>): Promise<string> {
  const policy = await db
    .selectFrom('policies')
    .select('live_version_id')
    .where('workspace_id', '=', WS)
    .where('name', '=', POLICY)
    .executeTakeFirstOrThrow()
  if (!policy.live_version_id) throw new Error(`the stack did not publish ${POLICY}`)
  return policy.live_version_id
}

async function seedHistory(db: Kysely<Database>, versionId: string): Promise<void> {
  const start = Math.floor((Date.now() - 40 * DAY) / HOUR) * HOUR
  const cases = Array.from({ length: CASES }, (_, i) => {
    const opened = start + i * HOUR
    const day = paidOnDay(i)
    return {
      i,
      caseId: randomUUID(),
      customerId: `e2e-outcomes-${i}`,
      invoiceId: `e2e-outcomes-${i}`,
      opened: new Date(opened),
      paid: day === null ? null : new Date(opened + day * DAY + 2 * HOUR),
      writtenOff: new Date(opened + 30 * DAY + HOUR),
    }
  })
  await db
    .insertInto('customers')
    .values(cases.map((c) => ({ workspace_id: WS, id: c.customerId, facts: JSON.stringify({}) })))
    .execute()
  await db
    .insertInto('invoices')
    .values(
      cases.map((c) => ({
        workspace_id: WS,
        id: c.invoiceId,
        customer_id: c.customerId,
        amount_due: AMOUNT,
        balance: c.paid ? 0 : AMOUNT,
        currency: CURRENCY,
        issued_at: c.opened,
        due_at: c.opened,
        status: c.paid ? ('paid' as const) : ('uncollectible' as const),
        disputed: false,
        attempts: 1,
        last_decline_code: null,
        last_decline_class: null,
        first_failed_at: c.opened,
        subscription_id: null,
      })),
    )
    .execute()
  await db
    .insertInto('dunning_cases')
    .values(
      cases.map((c) => ({
        workspace_id: WS,
        id: c.caseId,
        invoice_id: c.invoiceId,
        customer_id: c.customerId,
        policy_version_id: versionId,
        state: 'stopped' as const,
        segment: 'smb',
        opened_at: c.opened,
        closed_at: c.paid ?? c.writtenOff,
      })),
    )
    .execute()
  const action = (c: (typeof cases)[number], stepId: string, at: number, sent: object) => ({
    workspace_id: WS,
    case_id: c.caseId,
    customer_id: c.customerId,
    invoice_id: c.invoiceId,
    step_id: stepId,
    action: JSON.stringify(sent),
    action_type: (sent as { type: 'notify' | 'account' }).type,
    status: 'sent' as const,
    idempotency_key: `${c.caseId}/${stepId}`,
    scheduled_at: new Date(at),
    decided_at: new Date(at),
  })
  await db
    .insertInto('dunning_actions')
    .values(
      cases.flatMap((c) => [
        action(c, 'e2e-email-d0', c.opened.getTime() + HOUR, {
          type: 'notify',
          channels: ['email'],
          template: 'due',
        }),
        action(c, 'e2e-sms-d3', c.opened.getTime() + 3 * DAY + HOUR, {
          type: 'notify',
          channels: ['sms'],
          template: 'nudge',
        }),
        ...(c.paid
          ? []
          : [
              action(c, 'e2e-write-off', c.writtenOff.getTime() - HOUR, {
                type: 'account',
                operation: 'write_off',
              }),
            ]),
      ]),
    )
    .execute()
  await db
    .insertInto('payment_events')
    .values(
      cases.flatMap((c) =>
        c.paid
          ? [
              {
                workspace_id: WS,
                event_key: `${c.invoiceId}/paid`,
                invoice_id: c.invoiceId,
                type: 'payment_succeeded' as const,
                at: c.paid,
                payload: JSON.stringify({
                  type: 'payment_succeeded',
                  invoice_id: c.invoiceId,
                  at: c.paid.toISOString(),
                  amount: AMOUNT,
                }),
              },
            ]
          : [],
      ),
    )
    .execute()
  // The outcomes job reads forward from its watermarks, which cases other specs opened
  // today may have moved past this backdated history: rewound, the job rescans and skips
  // what it already counted.
  await db
    .updateTable('outcome_watermarks')
    .set({ received_at: new Date(0) })
    .where('workspace_id', '=', WS)
    .where('job', 'in', ['cases', 'attribution', 'closed', 'funnel'])
    .execute()
}

let versionId = ''

test.beforeAll(async () => {
  const db = await stackDatabase()
  try {
    versionId = await liveVersion(db)
    const seeded = await db
      .selectFrom('invoices')
      .select('id')
      .where('workspace_id', '=', WS)
      .where('id', '=', 'e2e-outcomes-0')
      .executeTakeFirst()
    // A reused stack keeps the history of an earlier run.
    if (!seeded) await seedHistory(db, versionId)
  } finally {
    await db.destroy()
  }
})

/** The table row whose header cell is `name`. */
const row = (table: Locator, name: string) =>
  table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) })

test('the Outcomes page shows the funnel by step, recovery by channel under both models, the time-to-collect curves, and exports CSV', async ({
  page,
}) => {
  await signIn(page)
  await page.getByRole('link', { name: 'Outcomes' }).click()
  await expect(page.getByRole('heading', { name: 'Outcomes', level: 1 })).toBeVisible()
  await expect(
    page.getByText(/Figures as of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/),
  ).toBeVisible()

  const funnel = page.getByRole('table', { name: `${POLICY} v1 · ${CURRENCY}` })
  await expect(row(funnel, 'All closed cases').getByRole('cell')).toHaveText([
    '—',
    '10',
    '6 (60.0%)',
    'CHF 600.00',
  ])
  await expect(row(funnel, 'e2e-email-d0').getByRole('cell')).toHaveText([
    'day 0.0',
    '10 (100.0%)',
    '6 (60.0%)',
    'CHF 600.00',
  ])
  await expect(row(funnel, 'e2e-sms-d3').getByRole('cell')).toHaveText([
    'day 3.0',
    '10 (100.0%)',
    '6 (60.0%)',
    'CHF 600.00',
  ])
  await expect(row(funnel, 'e2e-write-off').getByRole('cell')).toHaveText([
    'day 30.0',
    '4 (40.0%)',
    '0 (0.0%)',
    'CHF 0.00',
  ])

  const channels = page.getByTestId('channel-table')
  await expect(channels.getByRole('columnheader', { name: /^Last touch/ })).toBeVisible()
  await expect(channels.getByRole('columnheader', { name: /^Position-based/ })).toBeVisible()
  const channelRow = (name: string) => row(channels, name).filter({ hasText: CURRENCY })
  // Last touch: the SMS before each day-4 payment; nothing within 3 days of a day-10 one.
  // Position-based: every payment split between the email and the SMS before it.
  await expect(channelRow('sms').getByRole('cell')).toHaveText([
    CURRENCY,
    '4',
    'CHF 400.00',
    '3',
    'CHF 300.00',
  ])
  await expect(channelRow('email').getByRole('cell')).toHaveText([
    CURRENCY,
    '0',
    'CHF 0.00',
    '3',
    'CHF 300.00',
  ])
  await expect(channelRow('unattributed').getByRole('cell')).toHaveText([
    CURRENCY,
    '2',
    'CHF 200.00',
    '0',
    'CHF 0.00',
  ])

  await expect(
    page.getByRole('img', { name: 'Share of cases recovered by day since opening' }),
  ).toBeVisible()
  const curves = page.getByTestId('curves-table')
  const series = `${POLICY} v1 · ${CURRENCY}`
  const column = await curves.getByRole('columnheader').allInnerTexts()
  const at = column.indexOf(series)
  expect(at).toBeGreaterThan(0)
  await expect(
    row(curves, '4')
      .getByRole('cell')
      .nth(at - 1),
  ).toHaveText('40.0% (4)')
  await expect(
    row(curves, '10')
      .getByRole('cell')
      .nth(at - 1),
  ).toHaveText('60.0% (6)')

  await expect(row(page.getByTestId('collect-by-step'), 'e2e-sms-d3')).toContainText('4 days')
  await expect(page.getByRole('heading', { name: 'Running experiments' })).toBeVisible()
  await snap(page, 'outcomes')

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download the funnel (CSV)' }).click()
  const file = await (await download).path()
  const csv = readFileSync(file, 'utf8').split('\r\n')
  expect(csv[0]).toBe(
    'policy_version_id,currency,step,mean_day_reached,cases,recovered_after,recovered_after_rate,amount_recovered_after',
  )
  expect(csv).toContain(`${versionId},${CURRENCY},(closed cases),,10,6,0.6,60000`)
  expect(csv).toContain(`${versionId},${CURRENCY},e2e-sms-d3,3,10,6,0.6,60000`)
})

test('an export of a table that does not exist names the tables there are', async ({ page }) => {
  await signIn(page)
  const response = await page.request.get('/api/outcomes/funnel-by-colour')
  expect(response.status()).toBe(404)
  const body = (await response.json()) as { error: { message: string; hint: string } }
  expect(body.error.message).toContain('"funnel-by-colour"')
  expect(body.error.hint).toContain('attribution-by-channel')
})
