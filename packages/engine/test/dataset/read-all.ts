import type { DatasetRead } from '../../src/dataset/dataset-read.js'

/** Drains a read: its records and its final summary. */
export async function readAll<T>(read: DatasetRead<T>) {
  const records: T[] = []
  for await (const record of read) records.push(record)
  return { records, summary: read.summary }
}

/** Cuts text into chunks of `size` characters, as a stream would deliver it. */
export function chunked(text: string, size: number): string[] {
  const chunks: string[] = []
  for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size))
  return chunks
}
