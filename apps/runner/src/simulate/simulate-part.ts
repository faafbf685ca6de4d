import {
  engineReplayer,
  liveReplayer,
  simulate,
  type CompiledPolicy,
  type EnginePath,
  type Partition,
  type ResponseModel,
  type SimulationReport,
} from '@dun/engine'
import { openInputs, type InputFiles, type InputSource } from './inputs.js'
import { TimelineWriter } from './timeline-writer.js'

/** Everything a simulation needs but the policies, as plain data: it crosses into worker threads as is. */
export interface SimulationSettings {
  readonly files: InputFiles
  readonly engine: EnginePath
  readonly from: number | null
  readonly to: number | null
  readonly responseModel: ResponseModel | null
}

export interface SimulationRequest extends SimulationSettings {
  readonly policies: readonly CompiledPolicy[]
}

/** One part's reports; `partial` when they count only the part's own rows of the invoices file. */
export interface PartReports {
  readonly reports: SimulationReport[]
  readonly partial: boolean
}

/**
 * Simulates the customers of one partition (all of them when null), on this thread,
 * building only that partition's invoices when it can.
 */
export async function simulatePart(
  request: SimulationRequest,
  partition: Partition | null,
  onBytes: (read: number, total: number) => void,
  timelineFile: string | null,
): Promise<PartReports> {
  const source = await openInputs(request.files, onBytes, partition)
  return simulateOpened(source, request, partition, timelineFile)
}

/**
 * Simulates a partition whose inputs are open (the customers file read: a worker reads
 * it while the policies are being compiled). With `--compare`, the timeline is the
 * first policy's: the one the runner would run.
 */
export async function simulateOpened(
  source: InputSource,
  request: SimulationRequest,
  partition: Partition | null,
  timelineFile: string | null,
): Promise<PartReports> {
  const timeline = timelineFile === null ? null : new TimelineWriter(timelineFile)
  try {
    const reports = await simulate(
      source,
      request.policies.map((compiled) => ({
        compiled,
        replay: engineReplayer(compiled, request.engine),
        // the fast path replays long episodes as they stream; the reference path, whole
        ...(request.engine === 'fast' ? { live: liveReplayer(compiled) } : {}),
      })),
      {
        from: request.from,
        to: request.to,
        responseModel: request.responseModel,
        partition,
        hooks: {
          onEpisode: (index, _episode, replayed) =>
            index === 0 ? timeline?.add(replayed) : undefined,
          onRestart: () => timeline?.restart(),
        },
      },
    )
    return { reports, partial: source.partial() }
  } finally {
    timeline?.close()
  }
}
