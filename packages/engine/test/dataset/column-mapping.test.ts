import { describe, expect, it } from 'vitest'
import { DEFAULT_MAPPING, parseColumnMapping } from '../../src/dataset/column-mapping.js'
import { DatasetError } from '../../src/dataset/dataset-error.js'

const minimal = {
  invoice: {
    invoice_id: 'Number',
    customer_id: 'Client',
    currency: { default: 'USD' },
    amount_due: 'Total',
    issued_at: 'Date',
    due_at: 'Due',
  },
}

function problemOf(json: unknown): string {
  try {
    parseColumnMapping(json, 'map.json')
  } catch (error) {
    if (error instanceof DatasetError) return error.message
    throw error
  }
  throw new Error('the mapping was accepted')
}

describe('column mapping', () => {
  it('accepts a minimal mapping and fills the file-wide defaults', () => {
    const mapping = parseColumnMapping(minimal, 'map.json')
    expect(mapping).toMatchObject({
      timezone: 'UTC',
      date_format: 'ISO',
      amount_format: '1234.56',
      delimiter: ',',
    })
  })

  it('names every unmapped required field', () => {
    const message = problemOf({ invoice: { invoice_id: 'Number' } })
    expect(message).toMatch(/^map\.json: the column mapping is not valid/)
    for (const field of ['customer_id', 'currency', 'amount_due', 'issued_at', 'due_at']) {
      expect(message).toContain(`invoice.${field}: invoice field "${field}" is not mapped`)
    }
  })

  it('rejects unknown fields, bad formats, bad zones and empty specs, with their paths', () => {
    expect(problemOf({ ...minimal, invoice: { ...minimal.invoice, amount: 'X' } })).toMatch(
      /invoice: Unrecognized key.*amount/,
    )
    expect(problemOf({ ...minimal, date_format: 'DD/MM/YY' })).toContain(
      'date_format: date format "DD/MM/YY" has unknown letters',
    )
    expect(problemOf({ ...minimal, amount_format: '1_234.56' })).toContain('amount_format')
    expect(problemOf({ ...minimal, timezone: 'Mars/Olympus' })).toContain(
      'timezone: "Mars/Olympus" is not an IANA time zone',
    )
    expect(
      problemOf({ ...minimal, invoice: { ...minimal.invoice, due_at: { format: 'D.M.YYYY' } } }),
    ).toContain('invoice.due_at: give a "column", a "default", or both')
    expect(
      problemOf({
        ...minimal,
        invoice: { ...minimal.invoice, due_at: { column: 'Due', format: 'nope' } },
      }),
    ).toContain('invoice.due_at.format')
    expect(
      problemOf({
        ...minimal,
        invoice: { ...minimal.invoice, disputed: { column: 'D', format: 'Y/N' } },
      }),
    ).toContain('a boolean column takes no format')
  })

  it('defaults to our own column names, with only required ones mandatory', () => {
    expect(DEFAULT_MAPPING.invoice.invoice_id).toBe('invoice_id')
    expect(DEFAULT_MAPPING.invoice.paid_at).toEqual({ column: 'paid_at', optional: true })
    expect(DEFAULT_MAPPING.customer.customer_id).toBe('customer_id')
  })
})
