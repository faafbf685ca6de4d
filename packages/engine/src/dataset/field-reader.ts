import type { Currency } from '../money.js'
import {
  amountParser,
  channelListParser,
  listParser,
  parseBoolean,
  parseCurrency,
  parseDecimal,
  parseDeclineClass,
  parseDeclineCode,
  parseInteger,
  parseStatus,
  parseString,
  parseTimeZone,
  type AmountFormat,
} from './cell-parsers.js'
import { CellProblem } from './cell-problem.js'
import type { ColumnMapping, ColumnSpec } from './column-mapping.js'
import { dateParser } from './date-format.js'
import type { FieldKind, FieldValues } from './fields.js'

/**
 * Reads one field from a split row: the parsed value, or null when the cell is empty and
 * there is no default. `currency` is the row's, for amounts. Throws ColumnProblem.
 */
export type FieldReader<T> = (row: readonly string[], currency: Currency) => T | null

/** A cell that cannot be used, with the column it is in. */
export class ColumnProblem {
  constructor(
    readonly column: string,
    readonly message: string,
  ) {}
}

/** A mapped column the header does not have. */
export interface MissingColumn {
  readonly field: string
  readonly column: string
}

type ValueParser<T> = (text: string, currency: Currency) => T

/** Where to find one field: the mapping's spec, the file's header, and the file-wide formats. */
export interface FieldSource {
  readonly header: readonly string[]
  readonly mapping: ColumnMapping
  /** Collects mapped columns the header lacks, reported together as one error. */
  readonly missing: MissingColumn[]
}

/**
 * Compiles one field of a mapping against a file's header, once per file, so the per-row
 * work is an index lookup and a precompiled parser.
 */
export function optionalField<K extends FieldKind>(
  kind: K,
  field: string,
  spec: ColumnSpec | undefined,
  source: FieldSource,
): FieldReader<FieldValues[K]> {
  return compileField(kind, field, spec, source).read
}

/** Like optionalField, but an empty cell is a row error. */
export function requiredField<K extends FieldKind>(
  kind: K,
  field: string,
  spec: ColumnSpec | undefined,
  source: FieldSource,
): (row: readonly string[], currency: Currency) => FieldValues[K] {
  const { name, read } = compileField(kind, field, spec, source)
  return (row, currency) => {
    const value = read(row, currency)
    if (value === null) throw new ColumnProblem(name, `is empty (every row needs its ${field})`)
    return value
  }
}

function compileField<K extends FieldKind>(
  kind: K,
  field: string,
  spec: ColumnSpec | undefined,
  { header, mapping, missing }: FieldSource,
): { name: string; read: FieldReader<FieldValues[K]> } {
  if (spec === undefined) return { name: field, read: () => null }
  const { column, fallback, format, optional } = normalise(spec)
  const parse = valueParser(kind, format, mapping)
  const index = column === undefined ? -1 : columnIndex(header, column)
  if (column !== undefined && index < 0 && !optional && fallback === undefined) {
    missing.push({ field, column })
  }
  const name = column ?? field
  const parseCell = (text: string, currency: Currency): FieldValues[K] => {
    try {
      return parse(text, currency)
    } catch (problem) {
      if (!(problem instanceof CellProblem)) throw problem
      const hint = problem.hint ? ` (${problem.hint})` : ''
      throw new ColumnProblem(name, `'${text}' ${problem.reason}${hint}`)
    }
  }
  const constant = fallback ?? null
  if (index < 0) {
    const read: FieldReader<FieldValues[K]> =
      constant === null ? () => null : (_row, currency) => parseCell(constant, currency)
    return { name, read }
  }
  const read: FieldReader<FieldValues[K]> = (row, currency) => {
    const text = row[index]?.trim() ?? ''
    if (text !== '') return parseCell(text, currency)
    return constant === null ? null : parseCell(constant, currency)
  }
  return { name, read }
}

function normalise(spec: ColumnSpec) {
  if (typeof spec === 'string') {
    return { column: spec, fallback: undefined, format: undefined, optional: false }
  }
  return {
    column: spec.column,
    fallback: spec.default === undefined ? undefined : String(spec.default),
    format: spec.format,
    optional: spec.optional ?? false,
  }
}

/** Exact header match first, then ignoring case and surrounding spaces. */
function columnIndex(header: readonly string[], column: string): number {
  const exact = header.indexOf(column)
  if (exact >= 0) return exact
  const wanted = column.trim().toLowerCase()
  return header.findIndex((name) => name.trim().toLowerCase() === wanted)
}

function valueParser<K extends FieldKind>(
  kind: K,
  format: string | undefined,
  mapping: ColumnMapping,
): ValueParser<FieldValues[K]> {
  return untypedParser(kind, format, mapping) as ValueParser<FieldValues[K]>
}

function untypedParser(
  kind: FieldKind,
  format: string | undefined,
  mapping: ColumnMapping,
): ValueParser<FieldValues[FieldKind]> {
  switch (kind) {
    case 'amount':
      return amountParser((format ?? mapping.amount_format) as AmountFormat)
    case 'date':
      return dateParser(format ?? mapping.date_format, mapping.timezone)
    case 'list':
      return listParser(format ?? mapping.list_separator)
    case 'channel_list':
      return channelListParser(format ?? mapping.list_separator)
    case 'string':
      return parseString
    case 'boolean':
      return parseBoolean
    case 'integer':
      return parseInteger
    case 'decimal':
      return parseDecimal
    case 'currency':
      return parseCurrency
    case 'timezone':
      return parseTimeZone
    case 'status':
      return parseStatus
    case 'decline_code':
      return parseDeclineCode
    case 'decline_class':
      return parseDeclineClass
  }
}
