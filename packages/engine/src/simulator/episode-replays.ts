import type { CompiledPolicy } from '../compiled.js'
import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import {
  EpisodeGrouper,
  episodeOf,
  heldEpisodes,
  heldInvoice,
  type EpisodeKeeper,
  type HeldEpisode,
} from './episode-grouper.js'
import type { PolicySpan } from './policy-span.js'
import type {
  Episode,
  EpisodeReplayer,
  LiveReplay,
  LiveReplayer,
  ReplayedEpisode,
} from './replay-port.js'
import type { ReportBuilder } from './report-builder.js'
import { settlingSpan } from './settling.js'

/** Invoices that need a replay, grouped into customer episodes and replayed into the reports. */
export interface EpisodeReplays {
  /** The next invoice (issue times must not decrease); settles once what it closed is reported. */
  add(
    record: InvoiceRecord,
    customer: CustomerRecord,
    events: readonly EventRecord[],
  ): Promise<void> | undefined
  /** The end of the input: every episode still open is replayed. */
  finish(): Promise<void>
}

/** Where replays are reported: each policy's builder, and the hook that watches episodes. */
export interface ReplayTargets {
  readonly builders: readonly ReportBuilder[]
  readonly onEpisode?: (policyIndex: number, episode: Episode, replayed: ReplayedEpisode) => void
  readonly horizon: number | null
}

/**
 * An episode goes live once it holds this many invoices, and is then fed this many at a
 * time: nearly all episodes are one to three invoices, replayed fastest whole when they
 * close (a live replay's state outlives the young generation); a customer who never pays
 * keeps one open for the whole file, and holding all of it would grow with the history.
 */
export const LIVE_BATCH = 8

/** An open episode: its invoices held, until it grows long and is replayed live instead. */
interface OpenEpisode extends HeldEpisode {
  /** One live replay per policy (null until an invoice in its currencies); null while held. */
  replays: (LiveReplay | null)[] | null
}

/** Policies replayed in their episodes, whole when they close or live once they grow long. */
export interface ReplayingPolicy {
  readonly compiled: CompiledPolicy
  readonly replay: EpisodeReplayer
  /** Without one for every policy, episodes are always held and replayed whole. */
  readonly live?: LiveReplayer
}

/**
 * Groups the invoices into episodes and replays each under every policy: held, and replayed
 * whole once closed; with live replayers, an episode that grows to LIVE_BATCH invoices
 * is replayed as its invoices arrive instead, and what can no longer change is reported on
 * the way. Both give the same reports.
 */
export function episodeReplays(
  policies: readonly ReplayingPolicy[],
  span: PolicySpan,
  targets: ReplayTargets,
  live: boolean,
): EpisodeReplays {
  const settleMs = policies.map((policy) => settlingSpan(policy.compiled, span))
  /**
   * Hands the held invoices to the episode's live replays, each policy those in its
   * currencies; a policy's replay starts with the first batch it takes.
   */
  const feedLive = (open: OpenEpisode): (LiveReplay | null)[] => {
    const replays = open.replays ?? policies.map(() => null)
    for (const [index, policy] of policies.entries()) {
      const taken = acceptedBy(targets.builders[index]!, open.held, (held) => held.record)
      if (taken.length === 0) continue
      const { customer } = open
      replays[index] ??= policy.live!(customer, {
        horizon: targets.horizon,
        settleMs: settleMs[index]!,
        memoryMs: span.memoryMs,
        flush: (invoices, replayed) => {
          const episode = { customer, invoices, events: [], horizon: targets.horizon }
          report(index, episode, replayed, targets)
        },
      })
      replays[index].add(taken)
    }
    open.held.length = 0
    return replays
  }
  const keeper: EpisodeKeeper<OpenEpisode> = {
    start: (record, customer, events) => ({
      customer,
      held: [heldInvoice(record, events)],
      replays: null,
    }),
    // fed in batches: a replay run in bursts leaves its garbage young, as a whole replay does
    join: (open, record, events) => {
      heldEpisodes.join(open, record, events)
      if (live && open.held.length >= LIVE_BATCH) open.replays = feedLive(open)
    },
  }
  const grouper = new EpisodeGrouper(span, keeper)
  const close = async (closed: readonly OpenEpisode[]) => {
    for (const open of closed) {
      if (open.replays !== null) {
        for (const replay of feedLive(open)) replay?.finish()
        continue
      }
      const episode = episodeOf(open, targets.horizon)
      for (const [index, policy] of policies.entries()) {
        await replayFor(index, episode, policy.replay, targets)
      }
    }
  }
  return {
    add: (record, customer, events) => {
      const closed = grouper.add(record, customer, events)
      return closed.length > 0 ? close(closed) : undefined
    },
    finish: () => close(grouper.finish()),
  }
}

/** One policy's replay of an episode: the invoices in its currencies; the others are counted as rejected. */
async function replayFor(
  index: number,
  episode: Episode,
  replay: EpisodeReplayer,
  targets: ReplayTargets,
): Promise<void> {
  const accepted = acceptedBy(targets.builders[index]!, episode.invoices, (record) => record)
  if (accepted.length === 0) return
  const own = accepted.length === episode.invoices.length ? episode : narrowed(episode, accepted)
  const pending = replay(own)
  report(index, own, pending instanceof Promise ? await pending : pending, targets)
}

/** The invoices in the policy's currencies; the others are counted as rejected. */
function acceptedBy<T>(
  builder: ReportBuilder,
  items: readonly T[],
  recordOf: (item: T) => InvoiceRecord,
): T[] {
  const accepted: T[] = []
  for (const item of items) {
    if (builder.accepts(recordOf(item))) accepted.push(item)
    else builder.addRejected(recordOf(item))
  }
  return accepted
}

function report(
  index: number,
  episode: Episode,
  replayed: ReplayedEpisode,
  targets: ReplayTargets,
): void {
  targets.builders[index]!.addEpisode(episode, replayed)
  targets.onEpisode?.(index, episode, replayed)
}

/** The episode with only the invoices a policy takes, and their events. */
function narrowed(episode: Episode, accepted: readonly InvoiceRecord[]): Episode {
  const ids = new Set(accepted.map((r) => r.invoice.id))
  return {
    ...episode,
    invoices: accepted,
    events: episode.events.filter((e) => ids.has(e.invoice_id)),
  }
}
