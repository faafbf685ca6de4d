import { z } from 'zod'
import { AMOUNT_FORMATS } from './cell-parsers.js'
import { DatasetError } from './dataset-error.js'
import { dateFormatProblem, ISO_DATE_FORMAT } from './date-format.js'
import {
  CUSTOMER_FIELDS,
  INVOICE_FIELDS,
  REQUIRED_CUSTOMER_FIELDS,
  REQUIRED_INVOICE_FIELDS,
  type CustomerField,
  type InvoiceField,
} from './fields.js'

/**
 * How a foreign CSV export maps onto our records: for each field, the column that holds it
 * (by header name), or a constant default, with an optional per-column format. Loaded from
 * a JSON file by the CLI, from an upload by the editor; validated here.
 */
const columnSpec = z.union([
  z.string().min(1).describe('the header name of the column'),
  z
    .object({
      column: z.string().min(1).optional(),
      /** Used when the column is absent or a cell is empty, e.g. "USD". */
      default: z.union([z.string(), z.number(), z.boolean()]).optional(),
      /** Date format, amount format or list separator, overriding the file-wide one. */
      format: z.string().min(1).optional(),
      /** Read the column when the file has it; otherwise a missing column is an error. */
      optional: z.boolean().optional(),
    })
    .strict()
    .refine((spec) => spec.column !== undefined || spec.default !== undefined, {
      message: 'give a "column", a "default", or both',
    }),
])
export type ColumnSpec = z.output<typeof columnSpec>

const sectionOf = <K extends string>(fields: Record<K, unknown>) =>
  z
    .object(
      Object.fromEntries(Object.keys(fields).map((key) => [key, columnSpec.optional()])) as Record<
        K,
        z.ZodOptional<typeof columnSpec>
      >,
    )
    .strict()

export const columnMapping = z
  .object({
    /** Zone for dates and times written without an offset. */
    timezone: z.string().default('UTC'),
    date_format: z.string().default(ISO_DATE_FORMAT),
    amount_format: z.enum(AMOUNT_FORMATS).default('1234.56'),
    list_separator: z.string().min(1).default(';'),
    delimiter: z.string().length(1).default(','),
    invoice: sectionOf(INVOICE_FIELDS).default({}),
    customer: sectionOf(CUSTOMER_FIELDS).default({}),
  })
  .strict()
  .superRefine((mapping, context) => {
    for (const problem of mappingProblems(mapping)) {
      context.addIssue({ code: 'custom', message: problem.message, path: problem.path })
    }
  })

export type ColumnMapping = z.output<typeof columnMapping>
export type ColumnMappingInput = z.input<typeof columnMapping>

function* mappingProblems(mapping: ColumnMapping) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: mapping.timezone })
  } catch {
    yield { path: ['timezone'], message: `"${mapping.timezone}" is not an IANA time zone` }
  }
  const formatProblem = dateFormatProblem(mapping.date_format)
  if (formatProblem) yield { path: ['date_format'], message: formatProblem }
  for (const [field, spec] of Object.entries(mapping.invoice) as [InvoiceField, ColumnSpec?][]) {
    const problem = spec && specFormatProblem(INVOICE_FIELDS[field], spec)
    if (problem) yield { path: ['invoice', field, 'format'], message: problem }
  }
  for (const [field, spec] of Object.entries(mapping.customer) as [CustomerField, ColumnSpec?][]) {
    const problem = spec && specFormatProblem(CUSTOMER_FIELDS[field], spec)
    if (problem) yield { path: ['customer', field, 'format'], message: problem }
  }
  for (const field of REQUIRED_INVOICE_FIELDS) {
    if (!mapping.invoice[field]) {
      yield { path: ['invoice', field], message: `invoice field "${field}" is not mapped` }
    }
  }
}

function specFormatProblem(kind: string, spec: ColumnSpec): string | null {
  if (typeof spec === 'string' || spec.format === undefined) return null
  if (kind === 'date') return dateFormatProblem(spec.format)
  if (kind === 'amount' && !(AMOUNT_FORMATS as readonly string[]).includes(spec.format)) {
    return `amount format "${spec.format}" is not one of ${AMOUNT_FORMATS.join(', ')}`
  }
  if (kind !== 'date' && kind !== 'amount' && kind !== 'list' && kind !== 'channel_list') {
    return `a ${kind} column takes no format`
  }
  return null
}

/** Our own layout: every field in a column of its own name; only required ones must exist. */
export const DEFAULT_MAPPING: ColumnMapping = columnMapping.parse({
  invoice: ownColumns(Object.keys(INVOICE_FIELDS), REQUIRED_INVOICE_FIELDS),
  customer: ownColumns(Object.keys(CUSTOMER_FIELDS), REQUIRED_CUSTOMER_FIELDS),
})

function ownColumns(fields: string[], required: readonly string[]) {
  return Object.fromEntries(
    fields.map((field) => [
      field,
      required.includes(field) ? field : { column: field, optional: true },
    ]),
  )
}

/** Validates a mapping read from `file`; every problem is listed with its JSON path. */
export function parseColumnMapping(json: unknown, file: string): ColumnMapping {
  const parsed = columnMapping.safeParse(json)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
  )
  throw new DatasetError(
    'bad_mapping',
    file,
    `the column mapping is not valid: ${problems.join('; ')}`,
    'see examples/data/README.md for the mapping format',
  )
}
