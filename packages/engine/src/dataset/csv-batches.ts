import Papa from 'papaparse'
import { textChunks, type TextSource } from './text-source.js'

/**
 * Rows split from one chunk of CSV text. `rows[i]` is spreadsheet row `firstRow + i`
 * (the header is row 1); blank lines are kept as `['']` so the numbering stays right.
 */
export interface CsvBatch {
  readonly rows: string[][]
  readonly firstRow: number
  /** Rows papaparse could not split cleanly (an unclosed quote…), by index in `rows`. */
  readonly problems: ReadonlyMap<number, string>
}

/**
 * Splits streamed CSV text into rows with papaparse's parser, chunk by chunk: each chunk
 * is parsed up to its last complete row and the rest carried into the next, so quoted
 * fields may hold commas, newlines and doubled quotes and may straddle chunks. Papaparse
 * splits chunks without quotes with a plain `split`, which keeps our own files fast.
 */
export async function* csvBatches(source: TextSource, delimiter: string): AsyncGenerator<CsvBatch> {
  let parser: Papa.Parser | null = null
  let rest = ''
  let nextRow = 1
  for await (const chunk of textChunks(source)) {
    rest = parser === null ? stripBom(rest + chunk) : rest + chunk
    if (parser === null) {
      const newline = detectNewline(rest)
      if (newline === null) continue
      parser = new Papa.Parser({ delimiter, newline })
    }
    const batch = parse(parser, rest, nextRow, true)
    rest = rest.slice(batch.cursor)
    nextRow += batch.rows.length
    if (batch.rows.length > 0) yield batch
  }
  if (rest === '') return
  parser ??= new Papa.Parser({ delimiter, newline: '\n' })
  yield parse(parser, rest, nextRow, false)
}

function parse(
  parser: Papa.Parser,
  text: string,
  firstRow: number,
  partial: boolean,
): CsvBatch & { cursor: number } {
  const result = parser.parse(text, 0, partial) as {
    data: string[][]
    errors: { row?: number; message: string }[]
    meta: { cursor: number }
  }
  const problems = new Map<number, string>()
  for (const error of result.errors) {
    if (error.row !== undefined) problems.set(error.row, error.message)
  }
  return { rows: result.data, firstRow, problems, cursor: result.meta.cursor }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** The file's line ending, from its first line; null until a whole line has arrived. */
function detectNewline(text: string): '\n' | '\r\n' | null {
  const end = text.indexOf('\n')
  if (end < 0) return null
  return end > 0 && text[end - 1] === '\r' ? '\r\n' : '\n'
}
