/** The two file layouts the readers take. */
export const DATASET_FORMATS = ['csv', 'jsonl'] as const
export type DatasetFormat = (typeof DATASET_FORMATS)[number]

/** JSON lines for `.jsonl` / `.ndjson` files, CSV for anything else. */
export function datasetFormatOf(file: string): DatasetFormat {
  return /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv'
}
