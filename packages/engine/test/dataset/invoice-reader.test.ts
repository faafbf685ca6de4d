import { describe, expect, it } from 'vitest'
import { parseColumnMapping } from '../../src/dataset/column-mapping.js'
import { DatasetError } from '../../src/dataset/dataset-error.js'
import { describeRowError } from '../../src/dataset/dataset-read.js'
import { readInvoices } from '../../src/dataset/invoice-reader.js'
import { chunked, readAll } from './read-all.js'

const HEADER = 'invoice_id,customer_id,currency,amount_due,issued_at,due_at,paid_at,disputed\n'

const foreignMapping = parseColumnMapping(
  {
    timezone: 'America/New_York',
    date_format: 'D.M.YYYY',
    amount_format: '1,234.56',
    invoice: {
      invoice_id: 'Number',
      customer_id: 'Client',
      currency: { default: 'USD' },
      amount_due: 'Total',
      amount_paid: 'Paid',
      issued_at: 'Issued',
      due_at: 'Due Date',
      paid_at: 'Paid On',
      disputed: 'Disputed?',
      last_decline_code: 'Decline',
    },
    customer: { plan: 'Plan', timezone: 'Zone' },
  },
  'foreign.mapping.json',
)

describe('readInvoices from CSV in our layout', () => {
  it('reads rows into records, derives status, balance and the customer', async () => {
    const csv =
      HEADER +
      'in_1,cus_1,EUR,100.50,2024-01-01T00:00:00Z,2024-01-15T00:00:00Z,2024-01-20T10:00:00Z,false\n' +
      'in_2,cus_2,USD,20,2024-01-02T00:00:00Z,2024-01-02T00:00:00Z,,true\n'
    const { records, summary } = await readAll(readInvoices(csv, { file: 'invoices.csv' }))
    expect(summary).toMatchObject({ rows: 2, records: 2, errorCount: 0, sortedByIssuedAt: true })
    expect(records[0]).toMatchObject({
      customerId: 'cus_1',
      paidAt: Date.parse('2024-01-20T10:00:00Z'),
      invoice: {
        id: 'in_1',
        amount_due: 10050,
        balance: 0,
        currency: 'EUR',
        status: 'paid',
        disputed: false,
      },
      customer: { customer: { id: 'cus_1', currency: 'EUR', timezone: 'UTC' }, history: null },
    })
    expect(records[1]).toMatchObject({
      paidAt: null,
      invoice: { balance: 2000, status: 'open', disputed: true },
    })
  })

  it('reports bad rows with their spreadsheet row and column, counts them and keeps going', async () => {
    const seen: string[] = []
    const csv =
      HEADER +
      'in_1,cus_1,USD,10.00,2024-01-01,2024-01-15,,false\n' +
      'in_2,cus_1,USD,10.001,2024-01-01,2024-01-15,,false\n' +
      '\n' +
      'in_3,cus_1,USD,10.00,2024-01-01,2024-02-30,,false\n' +
      'in_4,cus_1,USD,10.00,2024-01-01,2024-01-15,,perhaps\n' +
      'in_5,,USD,10.00,2024-01-01,2024-01-15,,false\n' +
      'in_6,cus_1,USD,10.00\n'
    const { records, summary } = await readAll(
      readInvoices(csv, {
        file: 'invoices.csv',
        keepErrors: 3,
        onRowError: (error) => seen.push(describeRowError(error)),
      }),
    )
    expect(records.map((record) => record.invoice.id)).toEqual(['in_1'])
    expect(summary.errorCount).toBe(5)
    expect(summary.errors).toHaveLength(3)
    expect(seen).toEqual([
      "invoices.csv row 3, column 'amount_due': '10.001' is not an amount in format 1234.56 for USD (amounts are in major units (1234.50); set amount_format in the mapping for other layouts)",
      "invoices.csv row 5, column 'due_at': '2024-02-30' is not a date in format ISO (write 2024-03-31 or 2024-03-31T09:00:00Z, or set the column format in the mapping)",
      "invoices.csv row 6, column 'disputed': 'perhaps' is not a yes/no value (write true/false, yes/no, y/n or 1/0)",
      "invoices.csv row 7, column 'customer_id': is empty (every row needs its customer_id)",
      'invoices.csv row 8: has 4 fields, the header has 8 (a value holding "," must be in double quotes)',
    ])
  })

  it('says how many lines a quote left open took in, instead of losing them silently', async () => {
    const seen: string[] = []
    const csv =
      HEADER +
      'in_1,cus_1,USD,1.00,2024-01-01,2024-01-15,,false\n' +
      'in_2,"cus_1,USD,1.00,2024-01-01,2024-01-15,,false\n' +
      'in_3,cus_1,USD,1.00,2024-01-02,2024-01-15,,false\n' +
      'in_4,cus_1,USD,1.00,2024-01-03,2024-01-15,,false\n'
    const { records } = await readAll(
      readInvoices(csv, {
        file: 'invoices.csv',
        onRowError: (error) => seen.push(describeRowError(error)),
      }),
    )
    expect(records.map((record) => record.invoice.id)).toEqual(['in_1'])
    expect(seen).toEqual([
      'invoices.csv row 3: Quoted field unterminated: a quote opened in this row took in the 2 lines after it, which were not read as rows (close the quote, or double the quotes inside a value)',
    ])
  })

  it('notices invoices that are not sorted by issue date', async () => {
    const csv =
      HEADER +
      'in_1,cus_1,USD,1,2024-02-01,2024-02-01,,false\n' +
      'in_2,cus_1,USD,1,2024-01-01,2024-01-01,,false\n'
    const { summary } = await readAll(readInvoices(csv, { file: 'invoices.csv' }))
    expect(summary.sortedByIssuedAt).toBe(false)
  })

  it('fails the whole file when a required column is missing, naming it and the header found', async () => {
    const read = readInvoices('invoice_id,customer,currency,amount_due,issued_at,due_at\n', {
      file: 'x.csv',
    })
    const error = await readAll(read).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DatasetError)
    expect(error).toMatchObject({ code: 'missing_column' })
    expect((error as Error).message).toContain(
      "the header has no column 'customer_id' (for customer_id); the header found is: invoice_id, customer, currency, amount_due, issued_at, due_at",
    )
  })

  it('fails a file with no usable row, and an empty file', async () => {
    const bad = await readAll(
      readInvoices(HEADER + 'in_1,cus_1,USD,x,2024-01-01,2024-01-01,,false\n', { file: 'x.csv' }),
    ).catch((caught: unknown) => caught)
    expect(bad).toMatchObject({ code: 'no_usable_rows' })
    expect((bad as Error).message).toContain(
      "none of its 1 rows could be read; the first problem: x.csv row 2, column 'amount_due'",
    )
    expect(
      await readAll(readInvoices(HEADER, { file: 'x.csv' })).catch((caught: unknown) => caught),
    ).toMatchObject({ code: 'no_usable_rows' })
    expect(
      await readAll(readInvoices('', { file: 'x.csv' })).catch((caught: unknown) => caught),
    ).toMatchObject({ code: 'empty_file' })
  })
})

describe('readInvoices from a foreign export through a mapping', () => {
  const exportText =
    '\uFEFFNumber,Client,Plan,Zone,Total,Paid,Issued,Due Date,Paid On,Disputed?,Decline\r\n' +
    'A-1,"Acme, Inc.",Pro,Europe/Berlin,"1,234.50",0,1.3.2024,31.3.2024,,No,Insufficient Funds\r\n' +
    'A-2,"Umbrella ""UK""",Basic,,"2,000.00","2,000.00",2.3.2024,1.4.2024,3.4.2024,YES,\r\n' +
    'A-3,Initech,Basic,,10.00,5.00,3.3.2024,31.2.2024,,no,"lost card,\r\nreported"\r\n' +
    'A-4,Hooli,Basic,,10.00,5.00,4.3.2024,4.4.2024,,N,05\r\n'

  it.each([1, 7, 64, 10_000])(
    'reads CRLF, BOM and quoted fields in chunks of %i characters',
    async (size) => {
      const { records, summary } = await readAll(
        readInvoices(chunked(exportText, size), { file: 'export.csv', mapping: foreignMapping }),
      )
      expect(summary).toMatchObject({ rows: 4, records: 3, errorCount: 1 })
      expect(summary.errors[0]).toEqual({
        file: 'export.csv',
        row: 4,
        column: 'Due Date',
        message:
          "'31.2.2024' is not a date in format D.M.YYYY (check the day and month, or set the column format in the mapping)",
      })
      const [acme, umbrella, hooli] = records
      expect(acme).toMatchObject({
        customerId: 'Acme, Inc.',
        invoice: {
          id: 'A-1',
          amount_due: 123450,
          balance: 123450,
          currency: 'USD',
          issued_at: Date.parse('2024-03-01T05:00:00Z'),
          due_at: Date.parse('2024-03-31T04:00:00Z'),
          status: 'open',
          last_decline_code: 'insufficient_funds',
          last_decline_class: 'soft',
        },
        customer: { customer: { plan: 'Pro', timezone: 'Europe/Berlin', currency: 'USD' } },
      })
      expect(umbrella).toMatchObject({
        customerId: 'Umbrella "UK"',
        paidAt: Date.parse('2024-04-03T04:00:00Z'),
        invoice: { balance: 0, status: 'paid', disputed: true },
        customer: { customer: { timezone: 'UTC' } },
      })
      expect(hooli?.invoice).toMatchObject({
        balance: 500,
        last_decline_code: 'do_not_honor',
        last_decline_class: 'soft',
      })
    },
  )

  it('names the mapped column the export lacks', async () => {
    const error = await readAll(
      readInvoices('Number,Client,Total\r\nA-1,c,1\r\n', {
        file: 'export.csv',
        mapping: foreignMapping,
      }),
    ).catch((caught: unknown) => caught)
    expect((error as Error).message).toContain(
      "the header has no column 'Issued' (for issued_at), 'Due Date' (for due_at), 'Paid' (for amount_paid)",
    )
    expect((error as Error).message).toContain('the header found is: Number, Client, Total')
  })
})

describe('readInvoices from JSON lines', () => {
  const line = (invoice: object, extra: object = {}) =>
    JSON.stringify({
      customer_id: 'cus_1',
      invoice: {
        id: 'in_1',
        amount_due: 500,
        balance: 500,
        currency: 'GBP',
        issued_at: '2024-01-01T00:00:00Z',
        due_at: '2024-01-01T00:00:00Z',
        ...invoice,
      },
      ...extra,
    })

  it('reads valid lines and reports bad ones by line number and field path', async () => {
    const text = [
      line({}, { paid_at: '2024-01-05T00:00:00Z', customer: { timezone: 'Europe/London' } }),
      '',
      '{"customer_id": "cus_1", "invoice": ',
      line({ amount_due: 5.5 }),
      line({ currency: 'XYZ' }),
    ].join('\n')
    const { records, summary } = await readAll(readInvoices(text, { file: 'invoices.jsonl' }))
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({
      paidAt: Date.parse('2024-01-05T00:00:00Z'),
      invoice: { currency: 'GBP', status: 'open', attempts: 0 },
      customer: {
        customer: { id: 'cus_1', currency: 'GBP', timezone: 'Europe/London' },
        history: null,
      },
    })
    expect(summary.errors.map(({ row, column }) => [row, column])).toEqual([
      [3, null],
      [4, 'invoice.amount_due'],
      [5, 'invoice.currency'],
    ])
    expect(summary.errors[0]?.message).toMatch(/^is not valid JSON/)
    expect(summary.errors[2]?.message).toBe('not an ISO 4217 currency code')
  })
})
