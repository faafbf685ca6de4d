import type { CompiledPolicy } from '../compiled.js'
import type { HistoryFacts } from '../facts/input.js'
import { LiveEpisode } from './live-episode.js'
import { prepare } from '../evaluate/prepare.js'
import type { EnginePath } from '../evaluate/program.js'
import { replay, type ReplayInput, type ReplayResult, type TimelineEntry } from '../replay.js'
import type {
  DeferralEvent,
  Episode,
  EpisodeReplayer,
  LiveReplayer,
  ExecutedStep,
  ReplayNeed,
  ReplayedEpisode,
  SkipEvent,
} from './replay-port.js'

/** A customer without history facts: nothing late, failed or earned yet. */
export const NO_HISTORY: HistoryFacts = {
  late_payments_12m: 0,
  avg_days_late_12m: 0,
  failed_payments_12m: 0,
  lifetime_value: 0,
}

/**
 * The simulator's replay on the engine: the policy is prepared once, then each episode is
 * replayed by `replay()` on the chosen path — synchronously on the fast path, through
 * json-rules-engine on the reference path. Same program, same results.
 */
export function engineReplayer(
  compiled: CompiledPolicy,
  path: EnginePath = 'fast',
): EpisodeReplayer {
  if (path === 'reference') {
    const policy = prepare(compiled, { path: 'reference' })
    return async (episode, need) =>
      fromResult(await policy.run(replay(policy, episodeReplayInput(episode, need))))
  }
  const policy = prepare(compiled, { path: 'fast' })
  return (episode, need) =>
    fromResult(policy.run(replay(policy, episodeReplayInput(episode, need))))
}

/**
 * Episodes replayed live as their invoices arrive (see LiveEpisode): the fast path only, as
 * a replay that awaits json-rules-engine cannot be paused inside the grouper.
 */
export function liveReplayer(compiled: CompiledPolicy): LiveReplayer {
  const policy = prepare(compiled, { path: 'fast' })
  return (customer, options) => new LiveEpisode(policy, customer, options)
}

/** The replay of one episode, as the simulator runs it: to replay it again (a timeline, a trace). */
export function episodeReplayInput(episode: Episode, need: ReplayNeed = {}): ReplayInput {
  return {
    untilFirstEntry: need.firstEntryOnly === true,
    facts: {
      customer: episode.customer.customer,
      history: episode.customer.history ?? NO_HISTORY,
      account: null,
      contacts: [],
      cases: episode.invoices.map((record) => ({
        invoice: record.invoice,
        dunning: { steps_done: [], retries: [] },
      })),
    },
    events: episode.events,
    ...(episode.horizon === null ? {} : { until: episode.horizon }),
  }
}

function fromResult(result: ReplayResult): ReplayedEpisode {
  return replayedFrom(result.timeline)
}

/** A replay's timeline as the simulator reports it. */
export function replayedFrom(timeline: readonly TimelineEntry[]): ReplayedEpisode {
  const executed: ExecutedStep[] = []
  const deferrals: DeferralEvent[] = []
  const skips: SkipEvent[] = []
  for (const entry of timeline) {
    switch (entry.kind) {
      case 'executed':
        executed.push(entry)
        break
      case 'deferred':
        deferrals.push(entry)
        break
      case 'skipped':
        skips.push(entry)
        break
    }
  }
  return { executed, deferrals, skips }
}
