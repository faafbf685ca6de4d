import { describe, expect, it } from 'vitest'
import { generateDataset, type GeneratedFile } from '../../src/dataset/generator.js'
import { readCustomers } from '../../src/dataset/customer-reader.js'
import { readEvents } from '../../src/dataset/event-reader.js'
import { readInvoices } from '../../src/dataset/invoice-reader.js'
import { readAll } from './read-all.js'

function files(seed: string, invoices: number): Record<GeneratedFile, string> {
  const out: Record<GeneratedFile, string[]> = { customers: [], invoices: [], events: [] }
  for (const chunk of generateDataset({ seed, invoices })) out[chunk.file].push(chunk.text)
  return {
    customers: out.customers.join(''),
    invoices: out.invoices.join(''),
    events: out.events.join(''),
  }
}

describe('generateDataset', () => {
  const dataset = files('test', 6_000)

  it('makes a longer history when given fewer customers for the same invoices', () => {
    const issued = (invoices: string) =>
      invoices
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[6]!.slice(0, 10))
    const longer: string[] = []
    for (const chunk of generateDataset({ seed: 'test', invoices: 6_000, customers: 150 }))
      if (chunk.file === 'invoices') longer.push(chunk.text)
    const years = (invoices: string) => {
      const days = issued(invoices)
      return (Date.parse(days.at(-1)!) - Date.parse(days[0]!)) / (365 * 86_400_000)
    }
    expect(new Set(longer.join('').match(/cus_\d+/g)).size).toBe(150)
    // 600 customers (one per ten invoices) bill 6,000 invoices in about a year; 150 in four
    expect(years(dataset.invoices)).toBeCloseTo(1, 0)
    expect(years(longer.join(''))).toBeCloseTo(4, 0)
  })

  it('gives the same bytes for the same seed, and other bytes for another', () => {
    expect(files('test', 6_000)).toEqual(dataset)
    expect(files('other', 6_000).invoices).not.toEqual(dataset.invoices)
  })

  it('writes files our readers take with zero row errors, invoices sorted by issue date', async () => {
    const invoices = await readAll(readInvoices(dataset.invoices, { file: 'invoices.csv' }))
    const customers = await readAll(readCustomers(dataset.customers, { file: 'customers.csv' }))
    const events = await readAll(readEvents(dataset.events, { file: 'events.jsonl' }))
    expect(invoices.summary).toMatchObject({
      records: 6_000,
      errorCount: 0,
      sortedByIssuedAt: true,
    })
    expect(customers.summary).toMatchObject({ records: 600, errorCount: 0 })
    expect(events.summary.errorCount).toBe(0)
    const known = new Set(customers.records.map((record) => record.customer.id))
    expect(invoices.records.every((record) => known.has(record.customerId))).toBe(true)
    const invoiceIds = new Set(invoices.records.map((record) => record.invoice.id))
    expect(events.records.every((event) => invoiceIds.has(event.invoice_id))).toBe(true)
  })

  it('has realistic shares: currencies, declines, never-paid invoices, event kinds', async () => {
    const { records } = await readAll(readInvoices(dataset.invoices, { file: 'invoices.csv' }))
    const share = (test: (record: (typeof records)[number]) => boolean) =>
      records.filter(test).length / records.length
    expect(share((r) => r.invoice.currency === 'USD')).toBeGreaterThan(0.4)
    expect(share((r) => r.invoice.currency === 'EUR')).toBeGreaterThan(0.2)
    expect(share((r) => r.invoice.currency === 'GBP')).toBeGreaterThan(0.07)
    const declined = records.filter((r) => r.invoice.last_decline_code !== null)
    expect(declined.length / records.length).toBeGreaterThan(0.05)
    expect(declined.length / records.length).toBeLessThan(0.25)
    const hard =
      declined.filter((r) => r.invoice.last_decline_class === 'hard').length / declined.length
    expect(hard).toBeGreaterThan(0.15)
    expect(hard).toBeLessThan(0.4)
    const neverPaid = share((r) => r.paidAt === null)
    expect(neverPaid).toBeGreaterThan(0.01)
    expect(neverPaid).toBeLessThan(0.15)
    const late = records.filter(
      (r) => r.paidAt !== null && r.paidAt - r.invoice.due_at > 30 * 86_400_000,
    )
    expect(late.length).toBeGreaterThan(0)
    const { records: events } = await readAll(readEvents(dataset.events, { file: 'events.jsonl' }))
    const kinds = new Set(events.map((event) => event.type))
    expect([...kinds].sort()).toEqual([
      'dispute_closed',
      'dispute_opened',
      'payment_failed',
      'payment_succeeded',
      'promise_to_pay',
    ])
  })

  it('segments customers by plan with ARR rising from self-serve to enterprise', async () => {
    const { records } = await readAll(readCustomers(dataset.customers, { file: 'customers.csv' }))
    const medianArr = (plan: string) => {
      const arr = records
        .filter((r) => r.customer.plan === plan)
        .map((r) => r.customer.arr)
        .sort((a, b) => a - b)
      return arr[Math.floor(arr.length / 2)] ?? 0
    }
    expect(medianArr('starter')).toBeLessThan(medianArr('business'))
    expect(medianArr('business')).toBeLessThan(medianArr('enterprise'))
    expect(new Set(records.map((r) => r.customer.timezone)).size).toBeGreaterThan(5)
  })
})
