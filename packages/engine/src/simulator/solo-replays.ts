import type { InvoiceRecord } from '../dataset/records.js'
import { quietAlone } from './inert.js'
import type { PolicySpan } from './policy-span.js'
import type { Episode, EpisodeReplayer } from './replay-port.js'

/** What a solo replay needs of each policy: its replay, and whether it takes the invoice. */
export interface SoloPolicy {
  readonly replay: EpisodeReplayer
  readonly accepts: (record: InvoiceRecord) => boolean
}

/**
 * Below this share of solo replays finding the invoice left alone, they cost more than they
 * save: a solo replay costs about half of what the invoice adds to its customer's episode.
 */
const WORTHWHILE_SHARE = 0.25
/** How quickly the share follows the file: about the last 128 solo replays count. */
const SMOOTHING = 1 / 128
/** While not worthwhile, one candidate in this many is still tried, to notice a change. */
const SAMPLE_EVERY = 32

/**
 * Replays a paid invoice by itself, to learn whether every policy leaves it alone (see
 * inert.ts). Only that is asked, so each replay stops at the policy's first action,
 * deferral or skip: most invoices acted on join an episode with their customer's other
 * invoices and are replayed there in full anyway (four in five of them on generated data).
 *
 * An invoice not tried alone simply joins its customer's episode, where it is replayed
 * exactly too: the report is the same either way, only the work differs. So solo replays
 * are tried while enough of them find invoices left alone; when the guard outlooks have
 * already set aside every quiet invoice (on saas-cards, all of them), almost none do, and
 * only a sample is tried.
 */
export class SoloReplays {
  /** Share of recent solo replays that found the invoice left alone; starts hopeful. */
  private quietShare = 1
  private candidates = 0

  constructor(
    private readonly policies: readonly SoloPolicy[],
    private readonly span: PolicySpan,
  ) {}

  /** True when every policy that takes the invoice leaves it alone; `solo` is built only if needed. */
  async leftAlone(record: InvoiceRecord, solo: () => Episode): Promise<boolean> {
    if (record.paidAt === null || this.span.readsAccount || this.span.readsContacts) return false
    if (!this.worthTrying()) return false
    const quiet = await this.quietForEvery(record, solo)
    this.quietShare += ((quiet ? 1 : 0) - this.quietShare) * SMOOTHING
    return quiet
  }

  private worthTrying(): boolean {
    this.candidates += 1
    return this.quietShare >= WORTHWHILE_SHARE || this.candidates % SAMPLE_EVERY === 0
  }

  private async quietForEvery(record: InvoiceRecord, solo: () => Episode): Promise<boolean> {
    let episode: Episode | null = null
    for (const policy of this.policies) {
      if (!policy.accepts(record)) continue
      episode ??= solo()
      const pending = policy.replay(episode, FIRST_ENTRY_ONLY)
      const replayed = pending instanceof Promise ? await pending : pending
      if (!quietAlone(replayed)) return false
    }
    return true
  }
}

const FIRST_ENTRY_ONLY = { firstEntryOnly: true } as const
