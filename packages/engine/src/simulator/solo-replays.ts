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

  /**
   * True when every policy that takes the invoice leaves it alone; `solo` is built only if
   * needed. A promise only on the reference path (json-rules-engine is asynchronous).
   */
  leftAlone(record: InvoiceRecord, solo: () => Episode): boolean | Promise<boolean> {
    if (record.paidAt === null || this.span.readsAccount || this.span.readsContacts) return false
    if (!this.worthTrying()) return false
    let built: Episode | null = null
    const quiet = this.quietFrom(0, record, () => (built ??= solo()))
    return quiet instanceof Promise ? quiet.then((q) => this.noted(q)) : this.noted(quiet)
  }

  private worthTrying(): boolean {
    this.candidates += 1
    return this.quietShare >= WORTHWHILE_SHARE || this.candidates % SAMPLE_EVERY === 0
  }

  private noted(quiet: boolean): boolean {
    this.quietShare += ((quiet ? 1 : 0) - this.quietShare) * SMOOTHING
    return quiet
  }

  /** Whether the policies from `index` on that take the invoice all leave it alone. */
  private quietFrom(
    index: number,
    record: InvoiceRecord,
    episode: () => Episode,
  ): boolean | Promise<boolean> {
    for (let i = index; i < this.policies.length; i++) {
      const policy = this.policies[i]!
      if (!policy.accepts(record)) continue
      const replayed = policy.replay(episode(), FIRST_ENTRY_ONLY)
      if (replayed instanceof Promise)
        return replayed.then((r) => quietAlone(r) && this.quietFrom(i + 1, record, episode))
      if (!quietAlone(replayed)) return false
    }
    return true
  }
}

const FIRST_ENTRY_ONLY = { firstEntryOnly: true } as const
