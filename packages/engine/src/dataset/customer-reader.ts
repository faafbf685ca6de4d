import { customerFacts, historyFacts } from '../facts/input.js'
import { DEFAULT_MAPPING, type ColumnMapping } from './column-mapping.js'
import { csvRecords } from './csv-records.js'
import { customerRow } from './customer-row.js'
import { DatasetError } from './dataset-error.js'
import { datasetRead, type DatasetRead, type ReadOptions } from './dataset-read.js'
import { requiredField, type FieldSource } from './field-reader.js'
import { datasetFormatOf, type DatasetFormat } from './format.js'
import { jsonlRecords } from './jsonl-records.js'
import type { CustomerRecord } from './records.js'
import type { TextSource } from './text-source.js'

export interface CustomerReadOptions extends ReadOptions {
  readonly format?: DatasetFormat
  /** For CSV: its `customer` section maps the columns; our own column names by default. */
  readonly mapping?: ColumnMapping
}

/** Streams customers from CSV (through the mapping's customer section) or JSON lines. */
export function readCustomers(
  source: TextSource,
  options: CustomerReadOptions,
): DatasetRead<CustomerRecord> {
  const format = options.format ?? datasetFormatOf(options.file)
  const mapping = options.mapping ?? DEFAULT_MAPPING
  return datasetRead(options, (context) => {
    if (format === 'jsonl') return jsonlRecords(source, customerLine, fromLine, context)
    for (const field of ['customer_id', 'currency'] as const) {
      if (!mapping.customer[field]) throw unmapped(field, options.file)
    }
    return csvRecords(source, mapping, customerCsvRow, context)
  })
}

function customerCsvRow(source: FieldSource): (row: readonly string[]) => CustomerRecord {
  const spec = source.mapping.customer
  const id = requiredField('string', 'customer_id', spec.customer_id, source)
  const currency = requiredField('currency', 'currency', spec.currency, source)
  const build = customerRow(source)
  return (row) => {
    const code = currency(row, '')
    return build(row, id(row, code), code)
  }
}

function unmapped(field: string, file: string): DatasetError {
  return new DatasetError(
    'bad_mapping',
    file,
    `the mapping's customer section does not map "${field}"`,
    `add "customer": { "${field}": "<column name>" } to the mapping`,
  )
}

/** One customer per JSON line: the customer facts, plus an optional `history` object. */
const customerLine = customerFacts.extend({ history: historyFacts.nullable().default(null) })

function fromLine({ history, ...customer }: ReturnType<typeof customerLine.parse>): CustomerRecord {
  return { customer, history }
}
