import { csvBatches } from './csv-batches.js'
import { DatasetError } from './dataset-error.js'
import type { ReadContext } from './dataset-read.js'
import { ColumnProblem, type FieldSource, type MissingColumn } from './field-reader.js'
import type { ColumnMapping } from './column-mapping.js'
import type { TextSource } from './text-source.js'

/**
 * Builds a record from a row; throws ColumnProblem for a bad cell, and may return null for
 * a row the reader was asked to leave out (neither a record nor an error).
 */
export interface RowBuilder<T> {
  (row: readonly string[]): T | null
  /**
   * Whether a row that could not be split cleanly (a field count unlike the header's, a
   * broken quote) is this reader's to report; when a file is read in parts, each such row
   * is reported by one of them. Every row when absent.
   */
  readonly reports?: (row: readonly string[]) => boolean
}

/** Compiles a row builder for a header. */
export type RowCompiler<T> = (source: FieldSource) => RowBuilder<T>

/**
 * Reads CSV rows into records: the first row is the header, against which the mapping is
 * compiled once; every later row becomes a record or a row error.
 */
export async function* csvRecords<T>(
  source: TextSource,
  mapping: ColumnMapping,
  compile: RowCompiler<T>,
  context: ReadContext,
): AsyncGenerator<T[]> {
  let build: RowBuilder<T> | null = null
  let width = 0
  for await (const batch of csvBatches(source, mapping.delimiter)) {
    const records: T[] = []
    batch.rows.forEach((fields, i) => {
      const row = batch.firstRow + i
      if (build === null) {
        build = compileHeader(fields, mapping, compile, context.file)
        width = fields.length
        return
      }
      if (fields.length === 1 && fields[0] === '') return
      context.summary.rows++
      const problem = batch.problems.get(i)
      if ((problem !== undefined || fields.length !== width) && build.reports?.(fields) === false)
        return
      if (problem !== undefined) return context.rowError(row, null, quoteProblem(problem, fields))
      if (fields.length !== width) {
        return context.rowError(
          row,
          null,
          `has ${fields.length} fields, the header has ${width} (a value holding "${mapping.delimiter}" must be in double quotes)`,
        )
      }
      try {
        const record = build(fields)
        if (record !== null) records.push(record)
      } catch (cell) {
        if (!(cell instanceof ColumnProblem)) throw cell
        context.rowError(row, cell.column, cell.message)
      }
    })
    yield records
  }
  if (build === null) {
    throw new DatasetError(
      'empty_file',
      context.file,
      'the file is empty',
      'a CSV file starts with a header row',
    )
  }
}

/**
 * Papaparse's message for a row it could not split cleanly; when a quote left open ran on
 * past the row's line, how many lines it took in (they are not rows, and would otherwise
 * vanish without a word).
 */
function quoteProblem(problem: string, fields: readonly string[]): string {
  const taken = fields
    .join('')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '').length
  if (taken === 0) return `${problem} (check the quotes in this row)`
  const lines = taken === 1 ? 'the line' : `the ${taken} lines`
  return `${problem}: a quote opened in this row took in ${lines} after it, which were not read as rows (close the quote, or double the quotes inside a value)`
}

function compileHeader<T>(
  header: string[],
  mapping: ColumnMapping,
  compile: RowCompiler<T>,
  file: string,
): RowBuilder<T> {
  const missing: MissingColumn[] = []
  const build = compile({ header, mapping, missing })
  if (missing.length > 0) throw missingColumns(missing, header, file)
  return build
}

function missingColumns(missing: MissingColumn[], header: string[], file: string): DatasetError {
  const names = missing.map(({ field, column }) => `'${column}' (for ${field})`).join(', ')
  return new DatasetError(
    'missing_column',
    file,
    `the header has no column ${names}; the header found is: ${header.join(', ')}`,
    'fix the column names in the mapping, or pass a mapping file if this is a foreign export',
  )
}
