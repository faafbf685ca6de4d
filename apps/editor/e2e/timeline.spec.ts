import { readFileSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { goToLineEnd, openPolicy, signIn, snap, visibleText } from './helpers'

// The timeline tests change saas-cards in the browser only (nothing is saved).
const saasCards = readFileSync(new URL('../../../examples/saas-cards.dun', import.meta.url), 'utf8')
const lineOf = (text: string) => saasCards.split('\n').findIndex((line) => line.includes(text)) + 1

test.describe.configure({ mode: 'serial' })

let pageErrors: Error[] = []
test.beforeEach(async ({ page }) => {
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
  await signIn(page)
  await openPolicy(page, 'saas-cards')
})
test.afterEach(() => {
  expect(pageErrors.map((e) => e.message)).toEqual([])
})

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' })
const card = (page: Page, id: string) => timeline(page).locator(`[data-step-id="${id}"]`)
const dayRow = (page: Page, segment: string, day: number) =>
  timeline(page).locator(`[data-segment="${segment}"] [data-day="${day}"]`)

/** The editor's text around a line (Monaco only renders the lines in view). */
async function textAround(page: Page, line: number): Promise<string> {
  await goToLineEnd(page, line)
  return visibleText(page)
}

async function dragTo(page: Page, from: Locator, to: Locator): Promise<void> {
  // The side column scrolls: both ends must be on screen for the pointer to reach them.
  await to.scrollIntoViewIfNeeded()
  await from.scrollIntoViewIfNeeded()
  const start = await from.boundingBox()
  const end = await to.boundingBox()
  if (!start || !end) throw new Error('both ends of the drag are on screen')
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 })
  await page.mouse.up()
}

test('draws limits, segments and steps beside the text', async ({ page }) => {
  const panel = timeline(page)
  await expect(panel.getByRole('list', { name: 'Limits and pauses' })).toContainText(
    'quiet hours 21:00 to 08:00',
  )
  await expect(panel.getByRole('region', { name: 'Segment annual' })).toContainText(
    'When customer.plan == "annual"',
  )
  await expect(card(page, 'everyone/retry:default#2')).toContainText(
    'when invoice.last_decline is soft',
  )
  await expect(card(page, 'everyone/final-notice')).toContainText('email "final-notice"')
  await snap(page, 'timeline')
  await page.setViewportSize({ width: 1920, height: 1080 })
  await snap(page, 'timeline-1920')
})

test('dragging a step to another day rewrites the text, comments kept, one undo away', async ({
  page,
}) => {
  const suspend = card(page, 'everyone/account:suspend_subscription#1')
  await expect(dayRow(page, 'everyone', 10)).toContainText('suspend subscription')
  await dragTo(page, suspend, dayRow(page, 'everyone', 12))
  await expect(dayRow(page, 'everyone', 12)).toContainText('suspend subscription')
  const line = lineOf('day 10 suspend subscription')
  expect(await textAround(page, line)).toContain('    day 12 suspend subscription\n')
  expect(await textAround(page, lineOf('# Annual plans'))).toContain(
    '  # Annual plans are worth a human touch before anything is switched off.',
  )
  await snap(page, 'timeline-dragged')

  // The whole change is one undo step in the editor, and the picture follows the text back.
  await page.keyboard.press('Control+Z')
  await expect(dayRow(page, 'everyone', 10)).toContainText('suspend subscription')
  expect(await textAround(page, line)).toContain('    day 10 suspend subscription\n')
})

test('a focused step moves a day with the arrow keys', async ({ page }) => {
  const reminder = card(page, 'everyone/notify:sms:card-reminder#1')
  await reminder.focus()
  await page.keyboard.press('ArrowRight')
  await expect(dayRow(page, 'everyone', 7)).toContainText('sms "card-reminder"')
  // Focus follows the card to its new day, so the next key press moves it again.
  await expect(reminder).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(dayRow(page, 'everyone', 8)).toContainText('sms "card-reminder"')
  expect(await textAround(page, lineOf('day 6 sms "card-reminder"'))).toContain(
    '    day 8 sms "card-reminder"\n',
  )
})

test('the step form changes a template and channels, and removes a step', async ({ page }) => {
  await card(page, 'everyone/final-notice').click()
  const form = timeline(page).getByRole('group', { name: 'Edit step everyone/final-notice' })
  await form.getByLabel('Template').fill('last-call')
  await form.getByRole('button', { name: 'Set template' }).click()
  await expect(card(page, 'everyone/final-notice')).toContainText('email "last-call"')
  const line = lineOf('day 8 email "final-notice"')
  expect(await textAround(page, line)).toContain('    day 8 email "last-call" as "final-notice"\n')

  await form.getByLabel('letter').check()
  await form.getByRole('button', { name: 'Set channels' }).click()
  await expect(card(page, 'everyone/final-notice')).toContainText('email, letter "last-call"')
  await snap(page, 'timeline-form')

  await form.getByRole('button', { name: 'Remove step' }).click()
  await expect(card(page, 'everyone/final-notice')).toHaveCount(0)
  expect(await textAround(page, line)).not.toContain('last-call')
})

test('adds a step and reorders segments from the timeline', async ({ page }) => {
  const everyone = timeline(page).getByRole('region', { name: 'Segment everyone' })
  await everyone.getByRole('button', { name: 'Add step' }).click()
  const form = everyone.getByRole('form', { name: 'Add a step to everyone' })
  await form.getByLabel('Day').fill('15')
  await form.getByLabel('Action').selectOption({ label: 'Letter' })
  await form.getByLabel('Template').fill('formal-notice')
  await form.getByRole('button', { name: 'Add' }).click()
  await expect(dayRow(page, 'everyone', 15)).toContainText('letter "formal-notice"')

  await everyone.getByRole('button', { name: 'Move segment everyone up' }).click()
  await expect(timeline(page).getByRole('heading', { level: 3 }).first()).toHaveText('1. everyone')
  // The segment moved with the comment above it (Monaco renders only the lines in view).
  const comment = lineOf('# Annual plans')
  expect(await textAround(page, comment)).toMatch(
    /segment everyone \{[^]*day 15 letter "formal-notice"[^]*\}\s+# Annual plans/,
  )
  expect(await textAround(page, comment + 8)).toMatch(/# Annual plans[^\n]*\n\s*segment annual/)
})

test('typing in the text redraws the timeline; a syntax error keeps the last picture', async ({
  page,
}) => {
  await goToLineEnd(page, lineOf('day 21 cancel subscription'))
  await page.keyboard.press('Enter')
  await page.keyboard.type('day 25 letter "collections-notice"')
  await expect(card(page, 'everyone/notify:letter:collections-notice#1')).toBeVisible()

  await page.keyboard.type(' when')
  await expect(timeline(page).getByTestId('timeline-status')).toContainText('syntax error')
  await expect(card(page, 'everyone/notify:letter:collections-notice#1')).toBeVisible()
  await expect(timeline(page).getByRole('button', { name: 'Add step' })).toHaveCount(0)
  await snap(page, 'timeline-broken')
})
