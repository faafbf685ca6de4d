import { dunningEvent } from '../events.js'
import { datasetRead, type DatasetRead, type ReadOptions } from './dataset-read.js'
import { jsonlRecords } from './jsonl-records.js'
import type { EventRecord } from './records.js'
import type { TextSource } from './text-source.js'

/**
 * Streams payment events (payments, partial payments, failures, disputes, promises) from
 * JSON lines, one DunningEvent per line in the events schema of `@dun/engine`.
 */
export function readEvents(source: TextSource, options: ReadOptions): DatasetRead<EventRecord> {
  return datasetRead(options, (context) =>
    jsonlRecords(source, dunningEvent, (event) => event, context),
  )
}
