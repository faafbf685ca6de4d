import type { z } from 'zod'
import type { ReadContext } from './dataset-read.js'
import { lineBatches } from './line-batches.js'
import type { TextSource } from './text-source.js'

/**
 * Reads JSON lines into records: each non-blank line is parsed, validated by `schema` and
 * turned into a record by `toRecord`; a line that fails becomes a row error naming the
 * first wrong field (its JSON path) as the column.
 */
export async function* jsonlRecords<S extends z.ZodType, T>(
  source: TextSource,
  schema: S,
  toRecord: (line: z.output<S>) => T,
  context: ReadContext,
): AsyncGenerator<T[]> {
  for await (const batch of lineBatches(source)) {
    const records: T[] = []
    batch.lines.forEach((text, i) => {
      if (text.trim() === '') return
      const row = batch.firstLine + i
      context.summary.rows++
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch (error) {
        return context.rowError(
          row,
          null,
          `is not valid JSON: ${(error as Error).message} (write one JSON object per line)`,
        )
      }
      const parsed = schema.safeParse(json)
      if (parsed.success) return void records.push(toRecord(parsed.data))
      const issue = parsed.error.issues[0]
      const path = issue?.path.join('.') ?? ''
      context.rowError(row, path === '' ? null : path, issue?.message ?? 'is not a valid record')
    })
    yield records
  }
}
