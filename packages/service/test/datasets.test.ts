import { readFileSync } from 'node:fs'
import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { readInvoices } from '@dun/engine'
import { describeOnDatabases } from '@dun/store/testing'
import {
  importDataset,
  listDatasets,
  loadDataset,
  ServiceError,
  type ServiceContext,
} from '../src/index.js'

const data = (name: string) =>
  readFileSync(new URL(`../../../examples/data/${name}`, import.meta.url), 'utf8')
const header =
  'invoice_id,customer_id,subscription_id,currency,amount_due,balance,issued_at,due_at,paid_at,status,disputed,attempts,last_decline_code,last_decline_class,first_failed_at'
const row = (id: string, customer: string, due = '2026-01-15T00:00:00Z') =>
  `${id},${customer},,USD,120.00,120.00,2026-01-01T00:00:00Z,${due},,open,false,0,,,`

describeOnDatabases('service_datasets', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })
  const count = async (table: 'invoices' | 'customers' | 'datasets' | 'dataset_invoices') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeEach(async () => {
    await sql`truncate datasets, dataset_invoices, dataset_customers, dataset_events, invoices, customers cascade`.execute(
      db(),
    )
  })

  it('stores the sample files as a dataset, apart from the live invoices, and reads back the same records', async () => {
    const invoices = data('sample-invoices.csv')
    const result = await importDataset(ctx(), {
      name: 'Sample',
      invoices: { file: 'sample-invoices.csv', text: invoices },
      customers: { file: 'sample-customers.csv', text: data('sample-customers.csv') },
      events: { file: 'sample-events.jsonl', text: data('sample-events.jsonl') },
    })
    const rows = invoices.trim().split('\n').length - 1
    expect(result).toMatchObject({ errorCount: 0, errors: [] })
    expect(result.dataset).toMatchObject({
      name: 'Sample',
      invoiceCount: rows,
      errorCount: 0,
      sorted: true,
      source: 'sample-invoices.csv, sample-customers.csv, sample-events.jsonl',
    })
    expect(await count('invoices')).toBe(0)
    expect(await count('customers')).toBe(0)

    const loaded = await loadDataset(ctx(), result.dataset.id)
    const expected = []
    for await (const record of readInvoices(invoices, { file: 'sample-invoices.csv' })) {
      expected.push({
        customerId: record.customerId,
        invoice: record.invoice,
        paidAt: record.paidAt,
      })
    }
    expect(loaded.invoices).toEqual(expected)
    expect(loaded.events).toHaveLength(data('sample-events.jsonl').trim().split('\n').length)
    const customerIds = new Set(loaded.customers.map((c) => c.customer.id))
    expect(loaded.invoices.every((record) => customerIds.has(record.customerId))).toBe(true)
    expect((await listDatasets(ctx())).map((d) => d.name)).toEqual(['Sample'])
  })

  it('keeps the usable rows when some are bad, and names each bad row and column', async () => {
    const text = [header, row('in_1', 'cus_1'), row('in_2', 'cus_2', '31/02/2026')].join('\n')
    const result = await importDataset(ctx(), {
      name: 'Partly bad',
      invoices: { file: 'bad.csv', text },
    })
    expect(result.errorCount).toBe(1)
    expect(result.errors[0]).toMatchObject({ file: 'bad.csv', row: 3, column: 'due_at' })
    expect(result.dataset).toMatchObject({ invoiceCount: 1, errorCount: 1 })
    const loaded = await loadDataset(ctx(), result.dataset.id)
    expect(loaded.invoices.map((r) => r.invoice.id)).toEqual(['in_1'])
    // No customers file: the customer comes from the invoice row.
    expect(loaded.customers.map((c) => c.customer.id)).toEqual(['cus_1'])
  })

  it('stores nothing when no row can be used, and says which file and why', async () => {
    const text = [header, row('in_2', 'cus_2', '31/02/2026')].join('\n')
    const failure = await importDataset(ctx(), {
      name: 'All bad',
      invoices: { file: 'bad.csv', text },
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ServiceError)
    expect(failure).toMatchObject({ code: 'invalid_input', details: { field: 'bad.csv' } })
    expect((failure as Error).message).toMatch(/bad\.csv: none of its 1 rows could be read/)
    expect(await count('datasets')).toBe(0)
    expect(await count('dataset_invoices')).toBe(0)
  })

  it('refuses a second dataset of the same name, and an empty name', async () => {
    const text = [header, row('in_1', 'cus_1')].join('\n')
    await importDataset(ctx(), { name: 'Once', invoices: { file: 'a.csv', text } })
    await expect(
      importDataset(ctx(), { name: ' Once ', invoices: { file: 'a.csv', text } }),
    ).rejects.toMatchObject({ code: 'conflict', details: { field: 'name' } })
    await expect(
      importDataset(ctx(), { name: '  ', invoices: { file: 'a.csv', text } }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { field: 'name' } })
    expect(await count('datasets')).toBe(1)
  })

  it('reports an unknown or malformed dataset id as not found', async () => {
    await expect(loadDataset(ctx(), 'nope')).rejects.toMatchObject({ code: 'not_found' })
    await expect(loadDataset(ctx(), '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
