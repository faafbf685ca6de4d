import { readFileSync } from 'node:fs'
import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import { importLive, ServiceError, type ServiceContext } from '../src/index.js'

const data = (name: string) =>
  readFileSync(new URL(`../../../examples/data/${name}`, import.meta.url), 'utf8')
const header =
  'invoice_id,customer_id,subscription_id,currency,amount_due,balance,issued_at,due_at,paid_at,status,disputed,attempts,last_decline_code,last_decline_class,first_failed_at'
const row = (id: string, customer: string, due = '2026-01-15T00:00:00Z') =>
  `${id},${customer},,USD,120.00,120.00,2026-01-01T00:00:00Z,${due},,open,false,0,,,`

describeOnDatabases('service_import', (db) => {
  const ctx = (): ServiceContext => ({
    db: db(),
    workspace: 'default',
    now: () => new Date('2026-02-01T00:00:00Z'),
  })

  beforeEach(async () => {
    await sql`truncate customer_schedule, invoices, customers, datasets cascade`.execute(db())
  })

  it('imports the sample invoices and customers into the live tables, never as a dataset', async () => {
    const invoices = data('sample-invoices.csv')
    const result = await importLive(ctx(), {
      invoices: { file: 'sample-invoices.csv', text: invoices },
      customers: { file: 'sample-customers.csv', text: data('sample-customers.csv') },
    })
    const rows = invoices.trim().split('\n').length - 1
    expect(result).toMatchObject({ imported: true, invoices: rows })
    const count = async (table: 'invoices' | 'customers' | 'datasets' | 'customer_schedule') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await count('invoices')).toBe(rows)
    expect(await count('datasets')).toBe(0)
    // Every customer with an invoice is due now, so the scheduler opens the cases.
    expect(await count('customer_schedule')).toBe(await count('customers'))
  })

  it('imports nothing when a row is wrong, and names the row and the column', async () => {
    const text = [header, row('in_1', 'cus_1'), row('in_2', 'cus_2', '31/02/2026')].join('\n')
    const result = await importLive(ctx(), { invoices: { file: 'bad.csv', text } })
    expect(result.imported).toBe(false)
    if (result.imported) return
    expect(result.errorCount).toBe(1)
    expect(result.errors[0]).toMatchObject({ file: 'bad.csv', row: 3, column: 'due_at' })
    expect(await db().selectFrom('invoices').select('id').execute()).toEqual([])
  })

  it('derives a missing customer from its invoice row but never overwrites a stored one', async () => {
    await importLive(ctx(), {
      invoices: { file: 'first.csv', text: [header, row('in_1', 'cus_1')].join('\n') },
      customers: {
        file: 'customers.csv',
        text: 'customer_id,currency,plan,timezone\ncus_1,USD,enterprise,Europe/Paris\n',
      },
    })
    const text = [header, row('in_2', 'cus_1'), row('in_3', 'cus_new'), row('in_3', 'cus_new')]
    const result = await importLive(ctx(), {
      invoices: { file: 'second.csv', text: text.join('\n') },
    })
    expect(result).toEqual({ imported: true, customers: 1, invoices: 2 })
    const customers = await db()
      .selectFrom('customers')
      .select(['id', 'facts'])
      .orderBy('id')
      .execute()
    expect(customers.map((c) => [c.id, c.facts.plan, c.facts.timezone])).toEqual([
      ['cus_1', 'enterprise', 'Europe/Paris'],
      ['cus_new', '', 'UTC'],
    ])
  })

  it('refuses a file missing a required column as a whole, naming the file', async () => {
    const error = await importLive(ctx(), {
      invoices: { file: 'cut.csv', text: 'invoice_id,customer_id\nin_1,cus_1\n' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect((error as ServiceError).details.field).toBe('cut.csv')
  })
})
