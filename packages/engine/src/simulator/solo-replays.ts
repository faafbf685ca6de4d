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
 * inert.ts). When one does not, the invoice joins its customer's episode; many such
 * episodes close holding that invoice alone, and then they are exactly the episode
 * replayed here: its replays are kept until then and used instead of running again. At
 * most one per customer is kept, and only while it is alone in its episode, so what is
 * kept follows the customers with an episode open, not the file.
 */
export class SoloReplays {
  private readonly kept = new Map<string, Kept>()
  private last: Kept | null = null

  constructor(
    private readonly policies: readonly SoloPolicy[],
    private readonly span: PolicySpan,
  ) {}

  /** True when every policy that takes the invoice leaves it alone; `solo` is built only if needed. */
  async leftAlone(record: InvoiceRecord, solo: () => Episode): Promise<boolean> {
    this.last = null
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
        this.last = { invoice: record.invoice, replays }
        return false
      }
    }
    return true
  }

  /**
   * The invoice last asked about has joined its customer's episode: its solo replays are
   * kept while it is the only invoice there; a second invoice makes every kept one useless.
   */
  joined(record: InvoiceRecord, alone: boolean): void {
    if (alone && this.last?.invoice === record.invoice) this.kept.set(record.customerId, this.last)
    else this.kept.delete(record.customerId)
    this.last = null
  }

  /** The episode replayed under policy `index`: the solo replay of its only invoice, else now. */
  replay(index: number, episode: Episode): ReplayedEpisode | Promise<ReplayedEpisode> {
    const [only, second] = episode.invoices
    const kept = only && !second ? this.kept.get(only.customerId) : undefined
    const replayed = kept?.invoice === only?.invoice ? kept?.replays[index] : undefined
    return replayed ?? this.policies[index]!.replay(episode)
  }

  /** The episode is replayed: a solo replay kept for one of its invoices is of no further use. */
  forget(episode: Episode): void {
    const [first] = episode.invoices
    const kept = first && this.kept.get(first.customerId)
    if (kept && episode.invoices.some((record) => record.invoice === kept.invoice))
      this.kept.delete(first.customerId)
  }
}

interface Kept {
  readonly invoice: InvoiceFacts
  readonly replays: readonly (ReplayedEpisode | undefined)[]
}
