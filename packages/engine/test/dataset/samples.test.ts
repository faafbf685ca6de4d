import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseColumnMapping } from '../../src/dataset/column-mapping.js'
import { readCustomers } from '../../src/dataset/customer-reader.js'
import { readEvents } from '../../src/dataset/event-reader.js'
import { readInvoices } from '../../src/dataset/invoice-reader.js'
import { generateDataset } from '../../src/dataset/generator.js'
import { readAll } from './read-all.js'

const sample = (name: string) =>
  readFileSync(new URL(`../../../../examples/data/${name}`, import.meta.url), 'utf8')

describe('committed samples in examples/data', () => {
  it('read with zero row errors', async () => {
    const invoices = await readAll(
      readInvoices(sample('sample-invoices.csv'), { file: 'sample-invoices.csv' }),
    )
    expect(invoices.summary).toMatchObject({
      records: 3_000,
      errorCount: 0,
      sortedByIssuedAt: true,
    })
    const customers = await readAll(
      readCustomers(sample('sample-customers.csv'), { file: 'sample-customers.csv' }),
    )
    expect(customers.summary).toMatchObject({ errorCount: 0 })
    const events = await readAll(
      readEvents(sample('sample-events.jsonl'), { file: 'sample-events.jsonl' }),
    )
    expect(events.summary).toMatchObject({ errorCount: 0 })
    expect(events.summary.records).toBeGreaterThan(100)
  })

  it('are what the generator writes for seed "sample" (regenerate them, never hand-edit)', () => {
    let invoices = ''
    for (const chunk of generateDataset({ seed: 'sample', invoices: 3_000 })) {
      if (chunk.file === 'invoices') invoices += chunk.text
    }
    expect(invoices).toBe(sample('sample-invoices.csv'))
  })

  it('read the foreign export through its mapping with zero row errors', async () => {
    const mapping = parseColumnMapping(
      JSON.parse(sample('foreign-export.mapping.json')),
      'foreign-export.mapping.json',
    )
    const text = sample('foreign-export.csv')
    expect(text).toContain('\r\n')
    const { records, summary } = await readAll(
      readInvoices(text, { file: 'foreign-export.csv', mapping }),
    )
    expect(summary).toMatchObject({ records: 240, errorCount: 0 })
    expect(records.some((record) => record.invoice.last_decline_class === 'hard')).toBe(true)
    expect(
      records.some(
        (record) => record.customerId.length > 0 && record.customer?.customer.plan === 'Starter',
      ),
    ).toBe(true)
  })
})
