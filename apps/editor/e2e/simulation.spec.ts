import { readFileSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { signIn, snap } from './helpers'

const sample = (name: string) =>
  readFileSync(new URL(`../../../examples/data/${name}`, import.meta.url))
const csv = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text),
})
const header =
  'invoice_id,customer_id,subscription_id,currency,amount_due,balance,issued_at,due_at,paid_at,status,disputed,attempts,last_decline_code,last_decline_class,first_failed_at'
const row = (id: string, due: string, amount = '120.00') =>
  `${id},cus_e2e,,USD,${amount},120.00,2026-01-01T00:00:00Z,${due},,open,false,0,,,`
// Names are unique per run: a reused stack keeps the datasets of earlier runs.
const run = Date.now().toString(36)
const sampleName = `Sample invoices ${run}`

test.describe.configure({ mode: 'serial' })

let pageErrors: Error[] = []
test.beforeEach(async ({ page }) => {
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
  await signIn(page)
})
test.afterEach(() => {
  expect(pageErrors.map((e) => e.message)).toEqual([])
})

async function upload(
  page: Page,
  name: string,
  files: Record<string, Parameters<Locator['setInputFiles']>[0]>,
) {
  await page.goto('/datasets')
  await page.getByLabel('Name').fill(name)
  for (const [label, file] of Object.entries(files))
    await page.getByLabel(label).setInputFiles(file)
  await page.getByRole('button', { name: 'Upload' }).click()
}

/** The value of the one option whose text matches. */
async function optionValue(select: Locator, text: RegExp): Promise<string> {
  const option = select.locator('option').filter({ hasText: text })
  await expect(option).toHaveCount(1)
  return (await option.getAttribute('value')) ?? ''
}

test('refuses a file with no usable row, and lists the bad rows of a partly bad one', async ({
  page,
}) => {
  await upload(page, `All bad ${run}`, {
    'Invoices (CSV or JSON lines)': csv(
      'all-bad.csv',
      [header, row('in_1', '31/02/2026')].join('\n'),
    ),
  })
  await expect(page.getByRole('alert').filter({ hasText: 'Not stored' })).toContainText(
    'Not stored: all-bad.csv: none of its 1 rows could be read',
  )

  await upload(page, `Partly bad ${run}`, {
    'Invoices (CSV or JSON lines)': csv(
      'partly-bad.csv',
      [
        header,
        row('in_1', '2026-01-15T00:00:00Z'),
        row('in_2', '31/02/2026'),
        row('in_3', '2026-01-15T00:00:00Z', 'lots'),
      ].join('\n'),
    ),
  })
  await expect(page.getByTestId('upload-result')).toContainText(
    '1 invoices; 2 row(s) could not be read',
  )
  const errors = page.getByTestId('row-errors')
  await expect(errors.getByRole('row', { name: /partly-bad\.csv 3 due_at/ })).toBeVisible()
  await expect(errors.getByRole('row', { name: /partly-bad\.csv 4 amount_due/ })).toBeVisible()
  await expect(page.getByTestId('datasets')).toContainText(`Partly bad ${run}`)
  await snap(page, 'datasets-row-errors')
})

test('uploads the sample dataset with its customers and events', async ({ page }) => {
  await upload(page, sampleName, {
    'Invoices (CSV or JSON lines)': csv(
      'sample-invoices.csv',
      sample('sample-invoices.csv').toString(),
    ),
    'Customers (CSV or JSON lines, optional)': csv(
      'sample-customers.csv',
      sample('sample-customers.csv').toString(),
    ),
    'Payment events (JSON lines, optional)': {
      name: 'sample-events.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: sample('sample-events.jsonl'),
    },
  })
  await expect(page.getByTestId('upload-result')).toContainText(
    `Stored “${sampleName}”: 3,000 invoices.`,
  )
  await expect(
    page.getByTestId('datasets').getByRole('row', { name: new RegExp(sampleName) }),
  ).toContainText('sample-invoices.csv, sample-customers.csv, sample-events.jsonl')
  await snap(page, 'datasets')
})

test('simulates two versions, shows the charts and the difference, and opens an invoice with its trace', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Simulation' }).click()
  await expect(page.getByRole('heading', { name: 'Simulation', level: 1 })).toBeVisible()
  const dataset = page.getByLabel('Dataset')
  await dataset.selectOption(
    await optionValue(dataset, new RegExp(`^${sampleName} \\(3,000 invoices\\)$`)),
  )
  const a = page.getByLabel('Version A')
  await a.selectOption(await optionValue(a, /^saas-cards v\d+ \(live\)$/))
  const b = page.getByLabel('Version B (to compare)')
  await b.selectOption(await optionValue(b, /^b2b-net30 v\d+ \(live\)$/))
  await page.getByRole('button', { name: 'Run simulation' }).click()

  await expect(page.getByText('Simulated 3,000 of 3,000 invoices')).toBeVisible({ timeout: 60_000 })
  const headline = page.getByTestId('headline-figures')
  await expect(headline.getByRole('row', { name: /^Invoices read 3,000 3,000$/ })).toBeVisible()
  for (const chart of [
    'Invoices per stage',
    'Customers by messages received',
    'Deferrals by reason',
  ]) {
    await expect(page.getByRole('img', { name: chart })).toBeVisible()
  }
  await expect(
    page.getByRole('img', { name: /saas-cards v\d+ \(live\): actions per day by channel/ }),
  ).toBeVisible()
  await expect(page.getByTestId('recovery')).toContainText('USD')
  const differences = page.getByTestId('differences')
  await expect(differences.getByRole('row', { name: /actions\.total/ })).toBeVisible()
  await snap(page, 'simulation-results')

  await page.getByTestId('invoice-list').getByRole('button').first().click()
  const detail = page.getByTestId('invoice-detail')
  await expect(detail.getByRole('img', { name: /^Timeline of in_/ })).toBeVisible()
  await detail.getByRole('button', { name: 'Explain this decision' }).first().click()
  const trace = page.getByTestId('decision-trace')
  await expect(trace).toContainText(/Rules that fired \([1-9]\d* of \d+\)/)
  await expect(trace.locator('.pass').first()).toBeVisible()
  await snap(page, 'simulation-invoice-trace')

  // The other version's view of the same invoice.
  await detail.getByRole('button', { name: /^b2b-net30/ }).click()
  await expect(detail.getByRole('button', { name: /^b2b-net30/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  )

  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.getByRole('heading', { name: 'Results' }).scrollIntoViewIfNeeded()
  await snap(page, 'simulation-results-1920')
})
