import type { InvoiceFacts } from '../facts/input.js'
import type { InvoiceRecord } from '../dataset/records.js'
import { quietAlone } from './inert.js'
import type { PolicySpan } from './policy-span.js'
import type { Episode, EpisodeReplayer, ReplayedEpisode } from './replay-port.js'

/** What a solo replay needs of each policy: its replay, and whether it takes the invoice. */
export interface SoloPolicy {
  readonly replay: EpisodeReplayer
  readonly accepts: (record: InvoiceRecord) => boolean
}

/**
 * Replays a paid invoice by itself, to learn whether every policy leaves it alone (see
 * inert.ts). When one does not, the invoice joins its customer's episode; most such
 * episodes close holding that invoice alone, and then they are exactly the episode
 * replayed here: its replays are kept until then and used instead of running again.
 */
export class SoloReplays {
  private readonly kept = new Map<InvoiceFacts, (ReplayedEpisode | undefined)[]>()

  constructor(
    private readonly policies: readonly SoloPolicy[],
    private readonly span: PolicySpan,
  ) {}

  /** True when every policy that takes the invoice leaves it alone; `solo` is built only if needed. */
  async leftAlone(record: InvoiceRecord, solo: () => Episode): Promise<boolean> {
    if (record.paidAt === null || this.span.readsAccount || this.span.readsContacts) return false
    let episode: Episode | null = null
    const replays: (ReplayedEpisode | undefined)[] = []
    for (const [index, policy] of this.policies.entries()) {
      if (!policy.accepts(record)) continue
      episode ??= solo()
      const pending = policy.replay(episode)
      const replayed = pending instanceof Promise ? await pending : pending
      replays[index] = replayed
      if (!quietAlone(replayed)) {
        this.kept.set(record.invoice, replays)
        return false
      }
    }
    return true
  }

  /** The episode replayed under policy `index`: the solo replay of its only invoice, else now. */
  replay(index: number, episode: Episode): ReplayedEpisode | Promise<ReplayedEpisode> {
    const [only, second] = episode.invoices
    const kept = only && !second ? this.kept.get(only.invoice)?.[index] : undefined
    return kept ?? this.policies[index]!.replay(episode)
  }

  /** The episode is replayed: its invoices' solo replays are of no further use. */
  forget(episode: Episode): void {
    for (const record of episode.invoices) this.kept.delete(record.invoice)
  }
}
