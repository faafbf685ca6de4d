import { expect, test } from '@playwright/test'
import { signIn, snap } from './helpers'

test('the runner page shows cases, due actions, deliveries, dead letters and tasks, and refreshes itself', async ({
  page,
}) => {
  await signIn(page)
  await page.getByRole('link', { name: 'Runner' }).click()
  await expect(page.getByRole('heading', { name: 'Runner', level: 1 })).toBeVisible()
  for (const name of [
    'Cases by state',
    /Dead letters and actions in review \d+/,
    /Due today \d+/,
    'Recent deliveries and failures',
    /Awaiting a person \d+/,
  ]) {
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
  }
  // The page re-reads the database every few seconds: the read time moves on by itself.
  const readAt = page.locator('main time')
  const first = await readAt.getAttribute('datetime')
  await expect.poll(() => readAt.getAttribute('datetime'), { timeout: 15_000 }).not.toBe(first)
  await snap(page, 'runner')
  await page.setViewportSize({ width: 1920, height: 1080 })
  await snap(page, 'runner-1920')
})
