import { expect, test, type Page } from '@playwright/test'
import { goToLineEnd, openPolicy, signIn, signOut, snap } from './helpers'

// Fresh names per run, so the suite also passes against a reused stack (DUN_E2E_REUSE=1).
const run = Date.now().toString(36)
const analyst = { username: `ann-${run}`, password: 'analyst-password-1234' }
const approver = { username: `bo-${run}`, password: 'approver-password-1234' }
// A new day each run, so the saved text differs from any earlier run's on a reused stack.
const day = 11 + (Math.floor(Date.now() / 1000) % 40)

async function addUser(page: Page, user: typeof analyst, role: string): Promise<void> {
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password (at least 12 characters)').fill(user.password)
  await page.getByLabel('Role').selectOption(role)
  await page.getByRole('button', { name: 'Add user' }).click()
  await expect(page.getByRole('rowheader', { name: user.username })).toBeVisible()
}

async function openVersions(page: Page): Promise<void> {
  await openPolicy(page, 'saas-cards')
  await page.getByRole('link', { name: 'Versions, compare and publish' }).click()
  await expect(page.getByRole('heading', { name: 'Versions of saas-cards' })).toBeVisible()
}

test('an analyst saves and requests approval, a second person approves, the audit log shows both', async ({
  page,
}) => {
  // The admin turns four-eyes on and creates an analyst and a second approver.
  await signIn(page)
  await page.getByRole('link', { name: 'Admin' }).click()
  await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible()
  if ((await page.getByTestId('four-eyes').innerText()) === 'off') {
    await page.getByRole('button', { name: 'Turn four-eyes on' }).click()
  }
  await expect(page.getByTestId('four-eyes')).toHaveText('on')
  await addUser(page, analyst, 'analyst')
  await addUser(page, approver, 'approver')
  await snap(page, 'admin')
  await signOut(page)

  // The analyst moves the catch-all's suspension (day 10 in the example) and saves a draft.
  await signIn(page, analyst)
  await openPolicy(page, 'saas-cards')
  await goToLineEnd(page, 37)
  await page.keyboard.press('Home')
  await page.keyboard.press('Shift+End')
  await page.keyboard.type(`day ${day} suspend subscription`)
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText(/Saved saas-cards as draft version \d+/)).toBeVisible()

  // History, then the newest version against the one before: the summary names the move.
  await page.getByRole('link', { name: 'Versions, compare and publish' }).click()
  await expect(page.getByTestId('four-eyes-state')).toContainText('Four-eyes is on')
  const draft = page.locator('tbody tr').first()
  await expect(draft).toContainText(analyst.username)
  await expect(draft).toContainText('draft')
  await page.getByRole('button', { name: 'Compare' }).click()
  await expect(page.getByTestId('change-summary')).toContainText(
    new RegExp(
      `Segment "everyone": suspend subscription moved from day \\d+ to day ${day} \\(everyone/account:suspend_subscription#1\\)\\.`,
    ),
  )
  await expect(page.getByTestId('diff-editor').locator('.monaco-diff-editor')).toBeVisible()
  await snap(page, 'versions-compare')
  await expect(page.locator('.monaco-diff-editor .char-insert').first()).toBeVisible()

  // Under four-eyes the analyst can only ask; nobody approves their own version.
  await page.getByRole('link', { name: 'Back to the versions' }).click()
  const number = (await draft.locator('th').innerText()).slice(1)
  await draft.getByLabel(`Comment for version ${number}`).fill('suspend two days later')
  await draft.getByRole('button', { name: `Request approval for v${number}` }).click()
  await expect(draft).toContainText('awaiting approval')
  await expect(draft.getByRole('button', { name: /Approve/ })).toHaveCount(0)
  await snap(page, 'versions-requested')
  await signOut(page)

  // The second person approves: the version is live and read-only.
  await signIn(page, approver)
  await openVersions(page)
  const pending = page.getByTestId(`version-${number}`)
  await pending.getByLabel(`Comment for version ${number}`).fill('looks right')
  await pending.getByRole('button', { name: `Approve and publish v${number}` }).click()
  await expect(pending).toContainText('published (live, read-only)')
  await expect(pending).toContainText(`approved by ${approver.username}`)
  await expect(page.getByTestId('four-eyes-state')).toContainText(`Live: v${number}.`)
  await expect(pending.getByRole('button')).toHaveCount(0)
  await snap(page, 'versions-published')

  // Both steps are in the audit log, with who did them and the comments.
  await page.getByRole('link', { name: 'Audit log' }).click()
  const rows = page.locator('table.audit tbody tr')
  await expect(
    rows.filter({ hasText: 'version.approval_requested' }).filter({ hasText: analyst.username }),
  ).toContainText('suspend two days later')
  await expect(
    rows.filter({ hasText: 'version.published' }).filter({ hasText: approver.username }),
  ).toContainText('looks right')
  await snap(page, 'audit')
})
