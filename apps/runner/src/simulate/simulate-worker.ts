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
/** The bar moves in steps of 0.5%: a message per 64 kB chunk cost the worker ~0.25 s on 1M invoices. */
const PROGRESS_STEPS = 200
let progressStep = -1
/** Worker 0 speaks for all: the workers read the same file at about the same pace. */
const onBytes = (read: number, total: number) => {
  const step = Math.floor((read / total) * PROGRESS_STEPS)
  if (partition.index !== 0 || step === progressStep) return
  progressStep = step
  post({ kind: 'bytes', read, total })
}
try {
  const { reports, partial } = await simulatePart(request, partition, onBytes, timelineFile)
  post({ kind: 'done', reports, partial })
} catch (error) {
  if (!(error instanceof CliError)) throw error
  post({ kind: 'failed', message: error.message, exitCode: error.exitCode })
}
