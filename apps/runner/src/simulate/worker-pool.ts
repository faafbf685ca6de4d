import { createReadStream, createWriteStream, rmSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { pipeline } from 'node:stream/promises'
import { setFlagsFromString } from 'node:v8'
import { Worker } from 'node:worker_threads'
import { mergeReports, type CompiledPolicy, type SimulationReport } from '@dun/engine'
import { CliError } from '../cli-error.js'
import { simulatePart, type PartReports, type SimulationSettings } from './simulate-part.js'

export type WorkerMessage =
  | { readonly kind: 'bytes'; readonly read: number; readonly total: number }
  | { readonly kind: 'done'; readonly reports: SimulationReport[]; readonly partial: boolean }
  | { readonly kind: 'failed'; readonly message: string; readonly exitCode: number }

/** Below this size a worker's start-up (~0.2 s to load the engine) costs more than it saves. */
const PARALLEL_FROM_BYTES = 16 * 2 ** 20
const MAX_WORKERS = 4
/**
 * A simulation makes many objects that live for one episode (facts, decisions, timelines):
 * with V8's default young generation (16 MB) too many survive into the old one. 64 MB cut a
 * 1M-invoice run from 33.6 to 27.8 CPU s and its peak RSS from 1.03 to 0.88 GB (128: 30.4 s).
 */
const YOUNG_GENERATION_MB = 64
/**
 * How far a heap may grow past what the last full collection kept, in percent. On a busy
 * thread V8 lets it grow up to fourfold, so peak memory followed the length of the history
 * though the data kept alive hardly did. Doubling at most keeps it flat (bench, 1M → 2M
 * invoices: +50 MB; 60% cost 0.5 s more in collections). A process-wide V8 flag, read at
 * each collection.
 */
const HEAP_GROWING_PERCENT = 100

/** A simulation under way, waiting for its policies. */
export interface PendingSimulation {
  /** Simulates the policies (the reports come in their order). */
  run(policies: readonly CompiledPolicy[]): Promise<SimulationReport[]>
  /** Stops any workers: the policies could not be compiled, or the run is over. */
  cancel(): Promise<void>
}

/**
 * Starts a simulation on this thread, or — for a large invoices file — on one worker
 * thread per core, each reading the whole file and simulating its own share of the
 * customers; the parts merge into exactly the report a single thread gives. Workers start
 * at once and read the customers file while the caller compiles the policies.
 * `DUN_SIMULATE_WORKERS` sets the number of workers (1 = this thread only).
 */
export async function startSimulation(
  settings: SimulationSettings,
  onBytes: (read: number, total: number) => void,
  timelineFile: string | null,
): Promise<PendingSimulation> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  const count = await workerCount(settings.files.invoices)
  if (count === 1) {
    return {
      run: async (policies) =>
        (await simulatePart({ ...settings, policies }, null, onBytes, timelineFile)).reports,
      cancel: async () => {},
    }
  }
  const partFile = (index: number) => timelineFile && `${timelineFile}.part${index}`
  const workers = Array.from({ length: count }, (_, index) =>
    startWorker(settings, { index, count }, onBytes, partFile(index)),
  )
  return {
    async run(policies) {
      const parts = await Promise.all(workers.map((worker) => worker.run(policies)))
      if (timelineFile)
        await concatenate(
          timelineFile,
          parts.map((_, i) => partFile(i)!),
        )
      return policies.map((_, policy) => mergePart(parts, policy, settings.files.invoices))
    },
    async cancel() {
      await Promise.all(workers.map((worker) => worker.terminate()))
    },
  }
}

/**
 * Parts that built only their own rows count only those; a part that had to read the whole
 * file (no usable row among its customers) counted the whole file's rows and errors.
 */
function mergePart(parts: readonly PartReports[], policy: number, invoices: string) {
  const reports = parts.map((part) => part.reports[policy]!)
  const whole = parts.find((part) => !part.partial)?.reports[policy]
  if (!whole) return mergeReports(reports, { rowsSplitFrom: invoices })
  const merged = mergeReports(reports)
  const { invoicesRead, rowErrors } = whole.input
  return { ...merged, input: { ...merged.input, invoicesRead, rowErrors } }
}

async function workerCount(invoices: string): Promise<number> {
  const forced = process.env.DUN_SIMULATE_WORKERS
  if (forced !== undefined) {
    const n = Number(forced)
    if (!Number.isInteger(n) || n < 1) {
      throw new CliError(
        `simulate: DUN_SIMULATE_WORKERS='${forced}' is not a whole number ≥ 1; unset it or give e.g. 2`,
      )
    }
    return n
  }
  const size = await stat(invoices).then(
    (info) => info.size,
    () => 0,
  )
  return size < PARALLEL_FROM_BYTES ? 1 : Math.min(availableParallelism(), MAX_WORKERS)
}

interface StartedWorker {
  run(policies: readonly CompiledPolicy[]): Promise<PartReports>
  terminate(): Promise<number>
}

function startWorker(
  settings: SimulationSettings,
  partition: { index: number; count: number },
  onBytes: (read: number, total: number) => void,
  timelineFile: string | null,
): StartedWorker {
  const worker = new Worker(new URL('./simulate-worker.js', import.meta.url), {
    workerData: { settings, partition, timelineFile },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  })
  const done = new Promise<PartReports>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'bytes':
          return onBytes(message.read, message.total)
        case 'done':
          return resolve(message)
        case 'failed':
          return reject(new CliError(message.message, message.exitCode))
      }
    })
    worker.on('error', reject)
    worker.on('exit', (code) => {
      if (code !== 0)
        reject(new Error(`simulation worker ${partition.index} stopped with exit code ${code}`))
    })
  })
  // asked for by run(); a simulation cancelled before that leaves it unheard
  done.catch(() => {})
  return {
    run(policies) {
      worker.postMessage(policies)
      return done
    },
    terminate: () => worker.terminate(),
  }
}

/** The workers' timeline parts, one after another, into the file asked for. */
async function concatenate(target: string, parts: readonly string[]): Promise<void> {
  const out = createWriteStream(target)
  for (const part of parts) {
    await pipeline(createReadStream(part), out, { end: false })
    rmSync(part)
  }
  await new Promise<void>((done, fail) =>
    out.end((error?: Error | null) => (error ? fail(error) : done())),
  )
}
