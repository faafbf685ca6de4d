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
 * Replays a paid invoice by itself, to learn whether every policy leaves it alone (see
 * inert.ts). Only that is asked, so each replay stops at the policy's first action,
 * deferral or skip: most invoices acted on join an episode with their customer's other
 * invoices and are replayed there in full anyway (four in five of them on generated data).
 */
export class SoloReplays {
  constructor(
    private readonly policies: readonly SoloPolicy[],
    private readonly span: PolicySpan,
  ) {}

  /** True when every policy that takes the invoice leaves it alone; `solo` is built only if needed. */
  async leftAlone(record: InvoiceRecord, solo: () => Episode): Promise<boolean> {
    if (record.paidAt === null || this.span.readsAccount || this.span.readsContacts) return false
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
