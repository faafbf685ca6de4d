import { parentPort, workerData } from 'node:worker_threads'
import type { CompiledPolicy, Partition } from '@dun/engine'
import { CliError } from '../cli-error.js'
import { openInputs } from './inputs.js'
import { simulateOpened, type SimulationSettings } from './simulate-part.js'
import type { WorkerMessage } from './worker-pool.js'

/**
 * One partition of a large simulation, in its own thread (see worker-pool.ts). It starts
 * before the policies are compiled and reads the customers file meanwhile;
 * the compiled policies arrive as its one message.
 */
const { settings, partition, timelineFile } = workerData as {
  settings: SimulationSettings
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
const inputs = openInputs(settings.files, onBytes, partition)
// a file that cannot be read is reported once the policies arrive (the policy's own
// errors come first); a simulation cancelled before that never reports it
inputs.catch(() => {})
parentPort!.once('message', (policies: readonly CompiledPolicy[]) => void simulateWith(policies))

async function simulateWith(policies: readonly CompiledPolicy[]): Promise<void> {
  try {
    const request = { ...settings, policies }
    const { reports, partial } = await simulateOpened(
      await inputs,
      request,
      partition,
      timelineFile,
    )
    post({ kind: 'done', reports, partial })
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    post({ kind: 'failed', message: error.message, exitCode: error.exitCode })
  }
}
