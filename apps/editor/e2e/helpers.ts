import { expect, type Page } from '@playwright/test'

export const ADMIN = { username: 'admin', password: process.env.DUN_ADMIN_PASSWORD ?? '' }

/** Screenshots of the main screens, kept on every run (git-ignored) to be looked at. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: false })
}

export async function signIn(page: Page, user = ADMIN): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Policies' })).toBeVisible()
}

/** Opens a policy from the list and waits for Monaco to have checked it. */
export async function openPolicy(page: Page, name: string): Promise<void> {
  await page.goto('/policies')
  await page.getByRole('link', { name, exact: true }).click()
  await expect(page.locator('.monaco-editor')).toBeVisible()
  await expect(page.getByTestId('check-time')).toBeVisible()
}

/** Puts the cursor at the end of a line with Monaco's own "go to line" (Ctrl+G). */
export async function goToLineEnd(page: Page, line: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('Control+G')
  await page.keyboard.type(String(line))
  await page.keyboard.press('Enter')
  await page.keyboard.press('End')
}

/** The visible editor lines, with Monaco's non-breaking spaces as plain spaces. */
export async function visibleText(page: Page): Promise<string> {
  const lines = await page.locator('.monaco-editor .view-line').allInnerTexts()
  return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n')
}

/** Ends the session through the header's button and lands on the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
}
