import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { openPolicy, signIn, signOut, snap } from './helpers'
import { runnerApi } from './runner-api'

// Fresh names per run, so the suite also passes against a reused stack (DUN_E2E_REUSE=1).
const run = Date.now().toString(36)
const approver = { username: `eve-${run}`, password: 'approver-password-1234' }
const experimentName = `In-app notice earlier ${run}`
const challenger = 'earlier-in-app'
// The challenger moves the in-app notice from day 7 to a day that differs between runs.
const noticeDay = 8 + (Math.floor(Date.now() / 1000) % 5)
const customers = Array.from({ length: 60 }, (_, i) => `exp-${run}-${i}`)

const example = readFileSync(
  new URL('../../../examples/marketplace-multicurrency.dun', import.meta.url),
  'utf8',
)

async function addApprover(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Admin' }).click()
  if ((await page.getByTestId('four-eyes').innerText()) === 'off') {
    await page.getByRole('button', { name: 'Turn four-eyes on' }).click()
  }
  await expect(page.getByTestId('four-eyes')).toHaveText('on')
  await page.getByLabel('Username').fill(approver.username)
  await page.getByLabel('Password (at least 12 characters)').fill(approver.password)
  await page.getByLabel('Role').selectOption('approver')
  await page.getByRole('button', { name: 'Add user' }).click()
  await expect(page.getByRole('rowheader', { name: approver.username })).toBeVisible()
}

/** Starts an experiment with the form's first arms (the live version against the one before), then stops it. */
async function startAndStop(page: Page, name: string): Promise<void> {
  await page.goto('/experiments/new')
  await page.getByLabel('Experiment name').fill(name)
  await page
    .getByLabel('Policy')
    .selectOption(await optionValue(page, 'Policy', /^marketplace-multicurrency /))
  await page.getByRole('button', { name: 'Start the experiment' }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'Stop the experiment…' }).click()
  const confirm = page.getByRole('form', { name: `Stop “${name}”` })
  await expect(confirm).toContainText('New cases go back to the policy’s live version')
  await confirm.getByLabel('Why (kept in the audit log)').fill('only a rehearsal')
  await confirm.getByRole('button', { name: `Yes, stop “${name}”` }).click()
  await expect(page.getByTestId('experiment-state')).toContainText(
    'Stopped: new cases run the policy’s live version again.',
  )
  await expect(page.getByRole('button', { name: 'Stop the experiment…' })).toHaveCount(0)
}

/** The value of the option whose text starts with `text` in the select labelled `label`. */
async function optionValue(page: Page, label: string, text: RegExp): Promise<string> {
  const value = await page
    .getByLabel(label)
    .locator('option')
    .filter({ hasText: text })
    .first()
    .getAttribute('value')
  if (!value) throw new Error(`${label}: no option matches ${text}`)
  return value
}

test('an analyst starts an experiment, watches it become significant, and promotes the winner through four-eyes', async ({
  page,
}) => {
  const api = runnerApi(`e2e experiments ${run}`)
  // A stack reused from an earlier, interrupted run may still run an experiment on the policy.
  const { experiments } = (await api.call('GET', '/v1/experiments')) as {
    experiments: { id: string; state: string }[]
  }
  for (const e of experiments.filter((x) => x.state === 'running')) {
    await api.call('POST', `/v1/experiments/${e.id}/stop`, { comment: 'e2e clean-up' })
  }

  // The admin turns four-eyes on, adds a second approver, and asks to publish the challenger.
  await signIn(page)
  await addApprover(page)
  const saved = (await api.call('POST', '/v1/policies/versions', {
    // The run's name in a comment: a reused stack's latest version never has the same text.
    source: `# e2e run ${run}\n${example.replace(
      'day 7 in_app "payouts-on-hold"',
      `day ${noticeDay} in_app "payouts-on-hold"`,
    )}`,
    comment: `in-app notice on day ${noticeDay}`,
  })) as { number: number; state: string }
  expect(saved.state).toBe('pending_approval')
  await signOut(page)

  // The second approver publishes it: the policy now has two published versions.
  await signIn(page, approver)
  await openPolicy(page, 'marketplace-multicurrency')
  await page.getByRole('link', { name: 'Versions, compare and publish' }).click()
  const pending = page.getByTestId(`version-${saved.number}`)
  await pending.getByRole('button', { name: `Approve and publish v${saved.number}` }).click()
  await expect(pending).toContainText('published (live, read-only)')

  // A rehearsal, started and stopped after a confirmation.
  await startAndStop(page, `Rehearsal ${run}`)

  // The experiment, from the editor: a split that does not add up is refused next to the field.
  await page.getByRole('link', { name: 'Experiments', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible()
  await page.getByRole('link', { name: 'Start an experiment' }).click()
  await page.getByLabel('Experiment name').fill(experimentName)
  await page
    .getByLabel('Policy')
    .selectOption(await optionValue(page, 'Policy', /^marketplace-multicurrency /))
  await page
    .getByLabel('Arm 1 version')
    .selectOption(await optionValue(page, 'Arm 1 version', new RegExp(`^v(?!${saved.number}\\b)`)))
  await page.getByLabel('Arm 2 name').fill(challenger)
  await page
    .getByLabel('Arm 2 version')
    .selectOption(await optionValue(page, 'Arm 2 version', new RegExp(`^v${saved.number}\\b`)))
  await page.getByLabel('Arm 1 share (%)').fill('60')
  await page.getByLabel('Cases per arm before a verdict').fill('10')
  await page.getByRole('button', { name: 'Start the experiment' }).click()
  await expect(page.locator('#error-split')).toHaveText(
    'the shares add up to 110%, not 100%: lower one by 10',
  )
  await expect(page.getByLabel('Arm 1 share (%)')).toHaveAttribute('aria-invalid', 'true')
  await snap(page, 'experiment-start-refused')
  await page.getByLabel('Arm 1 share (%)').fill('50')
  await page.getByRole('button', { name: 'Start the experiment' }).click()
  await expect(page.getByRole('heading', { name: experimentName, level: 1 })).toBeVisible()
  await expect(page.getByTestId(`verdict-${challenger}`)).toHaveText(
    /^Interim: do not decide yet, 10 more cases per arm before the verdict/,
  )
  // Interim figures are not a verdict: promoting waits for the planned sample.
  await expect(page.getByTestId('promote-interim')).toContainText(
    'Interim: do not decide yet, 10 more cases per arm before the verdict.',
  )
  await expect(page.getByRole('button', { name: /^Promote “/ })).toBeDisabled()
  const experimentId = page.url().split('/').pop()!

  // Customers arrive; each lands in an arm by the stable hash. Everyone the challenger
  // dunned pays, nobody under the control does: a difference no test can miss.
  await api.call('POST', '/v1/customers/batch', {
    customers: customers.map((id) => ({ id, currency: 'USD', timezone: 'UTC' })),
  })
  const dueAt = new Date(Date.now() - 2 * 86_400_000).toISOString()
  await api.call('POST', '/v1/invoices/batch', {
    invoices: customers.map((id) => ({
      id: `inv-${id}`,
      customer_id: id,
      amount_due: 10_000,
      balance: 10_000,
      currency: 'USD',
      issued_at: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      due_at: dueAt,
    })),
  })
  const results = (await api.call('GET', `/v1/experiments/${experimentId}`)) as {
    arms: { name: string; version_id: string }[]
  }
  const winner = results.arms.find((arm) => arm.name === challenger)!.version_id
  const versionOf = new Map<string, string>()
  await expect
    .poll(
      async () => {
        for (const id of customers.filter((c) => !versionOf.has(c))) {
          const { cases } = (await api.call('GET', `/v1/customers/${id}/cases`)) as {
            cases: { policy_version_id: string }[]
          }
          if (cases[0]) versionOf.set(id, cases[0].policy_version_id)
        }
        return versionOf.size
      },
      { timeout: 30_000, message: 'the runner opens a case for every new customer' },
    )
    .toBe(customers.length)
  for (const id of customers.filter((c) => versionOf.get(c) === winner)) {
    await api.call('POST', '/v1/events', {
      type: 'payment_succeeded',
      invoice_id: `inv-${id}`,
      at: new Date().toISOString(),
    })
  }

  // The page refreshes itself while the experiment runs: the verdict turns significant.
  await expect(page.getByTestId(`verdict-${challenger}`)).toHaveText(
    new RegExp(`^Arm “${challenger}” recovers more than “control”: \\+100\\.0 points \\[\\+`),
    { timeout: 30_000 },
  )
  await expect(page.getByRole('img', { name: /Recovery rate per arm/ })).toBeVisible()
  await expect(page.getByRole('img', { name: /Difference in recovery rate/ })).toBeVisible()
  await snap(page, 'experiment-significant')

  // The Outcomes page shows the running experiment with the same verdict and its interval.
  await page.goto('/outcomes')
  const card = page.getByTestId(`experiment-${experimentName}`)
  await expect(card.getByTestId(`verdict-${challenger}`)).toHaveText(
    new RegExp(`^Arm “${challenger}” recovers more than “control”: \\+100\\.0 points \\[\\+`),
  )
  await card.getByRole('link', { name: experimentName }).click()
  await expect(page.getByRole('heading', { name: experimentName, level: 1 })).toBeVisible()

  // Promoting sends the winner through the publishing rule: its author cannot approve it.
  await expect(page.getByLabel('Arm to promote')).toHaveValue(challenger)
  await expect(page.getByRole('button', { name: `Promote “${challenger}”` })).toBeEnabled()
  await page
    .getByLabel('Comment (kept with the version and in the audit log)')
    .fill(`clear win (${run})`)
  await page.getByRole('button', { name: `Promote “${challenger}”` }).click()
  const status = page.getByTestId('promotion-status')
  await expect(status).toContainText(`${approver.username} promoted arm “${challenger}”`)
  await expect(status).toContainText('awaiting approval by someone other than its author')
  await expect(status.getByRole('button', { name: /Approve/ })).toHaveCount(0)
  const promoted = /as v(\d+)/.exec(await status.innerText())![1]
  await signOut(page)

  // A second person approves it where the experiment is shown; it is published and audited.
  await signIn(page)
  await page.goto(`/experiments/${experimentId}`)
  await status.getByLabel(`Comment for version ${promoted}`).fill(`agreed, ship it (${run})`)
  await status.getByRole('button', { name: `Approve and publish v${promoted}` }).click()
  await expect(status).toContainText('published: new cases run it')
  await snap(page, 'experiment-promoted')
  await page.getByRole('link', { name: 'Audit log' }).click()
  const rows = page.locator('table.audit tbody tr')
  await expect(
    rows.filter({ hasText: 'experiment.started' }).filter({ hasText: experimentName }),
  ).toContainText(approver.username)
  await expect(
    rows.filter({ hasText: 'experiment.promoted' }).filter({ hasText: experimentName }),
  ).toContainText(`clear win (${run})`)
  await expect(
    rows.filter({ hasText: 'version.published' }).filter({ hasText: `agreed, ship it (${run})` }),
  ).toContainText('admin')
  await expect(
    rows.filter({ hasText: 'experiment.stopped' }).filter({ hasText: `Rehearsal ${run}` }),
  ).toContainText('only a rehearsal')
})
