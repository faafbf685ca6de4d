import { parentPort, workerData } from 'node:worker_threads'
import type { Partition } from '@dun/engine'
import { CliError } from '../cli-error.js'
import { simulatePart, type SimulationRequest } from './simulate-part.js'
import type { WorkerMessage } from './worker-pool.js'

/** One partition of a large simulation, in its own thread (see worker-pool.ts). */
const { request, partition, timelineFile } = workerData as {
  request: SimulationRequest
  partition: Partition
  timelineFile: string | null
}
const post = (message: WorkerMessage) => parentPort!.postMessage(message)
try {
  const { reports, partial } = await simulatePart(
    request,
    partition,
    (read, total) => (partition.index === 0 ? post({ kind: 'bytes', read, total }) : undefined),
    timelineFile,
  )
  post({ kind: 'done', reports, partial })
} catch (error) {
  if (!(error instanceof CliError)) throw error
  post({ kind: 'failed', message: error.message, exitCode: error.exitCode })
}
