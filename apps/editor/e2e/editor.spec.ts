import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { goToLineEnd, openPolicy, signIn, snap, visibleText } from './helpers'

const example = (name: string) =>
  readFileSync(new URL(`../../../examples/${name}.dun`, import.meta.url), 'utf8').split('\n')
// Only the saving test changes a policy (b2b-net30): the others open saas-cards as published.
const saasCards = example('saas-cards')
const b2b = example('b2b-net30')
const lineOf = (text: string, lines = saasCards) => lines.findIndex((l) => l.includes(text)) + 1

test.describe.configure({ mode: 'serial' })

// Any uncaught error in the page (Monaco's worker failing to load, a React error) fails the test.
let pageErrors: Error[] = []
test.beforeEach(({ page }) => {
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
})
test.afterEach(() => {
  expect(pageErrors.map((e) => e.message)).toEqual([])
})

test('signs in and lists the published examples', async ({ page }) => {
  await page.goto('/policies')
  await expect(page).toHaveURL(/\/sign-in$/)
  await snap(page, 'sign-in')
  await page.getByLabel('Username').fill('admin')
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.locator('#sign-in-error')).toContainText('Wrong username or password')

  await signIn(page)
  await expect(page.getByTestId('signed-in-user')).toContainText('admin (admin)')
  const row = page.getByRole('row', { name: /saas-cards/ })
  await expect(row).toContainText(/v1 by admin/)
  await snap(page, 'policies')
})

test('shows an error typed into an example as a marker with its message', async ({ page }) => {
  await signIn(page)
  await openPolicy(page, 'saas-cards')
  await expect(page.getByTestId('problem-count')).toHaveText('none')
  await goToLineEnd(page, lineOf('day 8 email "final-notice"'))
  await page.keyboard.press('Enter')
  await page.keyboard.type('day 9 emial "late"')
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible()
  const problem = page.locator('.problem-error').first()
  await expect(problem).toContainText('emial')
  await expect(problem).toContainText(/Hint: /)
  await snap(page, 'editor-error')

  // The quick fix offered for the did-you-mean diagnostic repairs it.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Home')
  for (let word = 0; word < 3; word++) await page.keyboard.press('Control+ArrowRight')
  await page.keyboard.press('Control+.')
  await expect(page.getByText("Replace with 'email'")).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('problem-count')).toHaveText('none')
  expect(await visibleText(page)).toContain('day 9 email "late"')
})

test('accepts a completion, formats on save and saves a draft', async ({ page }) => {
  await signIn(page)
  await openPolicy(page, 'b2b-net30')
  await goToLineEnd(page, lineOf('day 14 email "second-reminder"', b2b))
  await page.keyboard.press('Enter')
  await page.keyboard.type('day    16 ')
  await page.keyboard.type('sm')
  await page.keyboard.press('Control+Space')
  const suggestions = page.locator('.suggest-widget')
  await expect(suggestions).toBeVisible()
  await expect(suggestions).toContainText('sms')
  await page.keyboard.press('Enter')
  await page.keyboard.type(' "late-notice"')
  expect(await visibleText(page)).toContain('day    16 sms "late-notice"')

  await page.keyboard.press('Control+S')
  const saved = page.getByTestId('save-message')
  await expect(saved).toContainText(/Saved b2b-net30 as draft version \d+/)
  // Format on save: the extra blanks are gone, the step stays.
  expect(await visibleText(page)).toContain('    day 16 sms "late-notice"')
  await snap(page, 'editor-saved')
  const version = (await saved.innerText()).match(/version (\d+)/)?.[1]

  await page.goto('/policies')
  await expect(page.getByRole('row', { name: /b2b-net30/ })).toContainText(`v${version} by admin`)
})

test('runs the policy tests and shows the results inline', async ({ page }) => {
  await signIn(page)
  await openPolicy(page, 'saas-cards')
  await page.getByRole('button', { name: 'Run tests' }).click()
  const results = page.getByTestId('test-results')
  await expect(results).toContainText(/\d+ passed, 0 failed/)
  // A result reveals its test, marked passed beside its first line.
  await results.getByRole('button', { name: /hard declines are asked for a new card/ }).click()
  await expect(page.locator('.dun-test-glyph-pass').first()).toBeVisible()

  // Break an expectation: the failure is shown in the panel and on its line.
  await goToLineEnd(page, lineOf('at day 21 expect cancel subscription'))
  await page.keyboard.type(', email "never-sent"')
  await expect(page.getByTestId('problem-count')).toHaveText('none')
  await page.getByRole('button', { name: 'Run tests' }).click()
  await expect(results).toContainText(/1 failed/)
  await expect(results.locator('.failure')).toContainText('never-sent')
  await expect(page.locator('.dun-test-glyph-fail').first()).toBeVisible()
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible()
  await snap(page, 'editor-tests')
})

test('outline entries reveal their segment or step', async ({ page }) => {
  await signIn(page)
  await openPolicy(page, 'saas-cards')
  const outline = page.getByRole('region', { name: 'Outline' })
  await expect(outline.getByRole('button', { name: /segment annual/ })).toBeVisible()
  await outline.getByRole('button', { name: /segment everyone/ }).click()
  await expect(page.locator('.monaco-editor .current-line')).toBeVisible()
})

test('keeps its layout at 1920x1080', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await signIn(page)
  await openPolicy(page, 'saas-cards')
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  )
  expect(overflow).toBe(false)
  await snap(page, 'editor-1920')
})

test('creates a new policy from the template', async ({ page }) => {
  await signIn(page)
  await page.getByRole('link', { name: 'New policy' }).click()
  await expect(page.locator('.monaco-editor')).toBeVisible()
  await expect(page.getByTestId('problem-count')).toHaveText('none')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page).toHaveURL(/\/policies\/[0-9a-f-]{36}\?saved=1&name=new-policy$/)
  // The message survives the move to the new policy's own page.
  await expect(page.getByTestId('save-message')).toContainText(/Saved new-policy as draft/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('new-policy')
})

test('refuses a save from another site, or without a session', async ({ request, baseURL }) => {
  const data = { source: 'policy "x" {}' }
  const cross = await request.post('/api/policies/versions', {
    data,
    headers: { origin: 'https://evil.example' },
  })
  expect(cross.status()).toBe(403)
  expect((await cross.json()).error.code).toBe('cross_origin')
  const anonymous = await request.post('/api/policies/versions', {
    data,
    headers: { origin: baseURL ?? '' },
  })
  expect(anonymous.status()).toBe(401)
  expect((await anonymous.json()).error.hint).toBe('sign in again')
})
