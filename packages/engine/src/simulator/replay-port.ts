import type { Action } from '../action.js'
import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import type { DeferralReason, SkipReason } from '../decision.js'

/**
 * The seam between the simulator and the engine's replay: one customer's overlapping
 * invoices ("an episode") replayed on a virtual clock. Caps and quiet hours are per
 * customer, so the unit handed over is the customer, never a single invoice.
 */
export interface Episode {
  readonly customer: CustomerRecord
  /** Ordered by issue time, then id: the same order whatever order the file had. */
  readonly invoices: readonly InvoiceRecord[]
  /** Outside events of these invoices (real payments included), ordered by time. */
  readonly events: readonly EventRecord[]
  /** The replay stops here (epoch ms): `--to`, or null to run every case to its end. */
  readonly horizon: number | null
}

/** One step performed during the replay. */
export interface ExecutedStep {
  readonly invoiceId: string
  readonly stepId: string
  readonly segment: string
  readonly action: Action
  readonly scheduledAt: number
  readonly executedAt: number
}

export interface DeferralEvent {
  readonly invoiceId: string
  readonly stepId: string
  readonly reason: DeferralReason
}

export interface SkipEvent {
  readonly invoiceId: string
  readonly stepId: string
  readonly reason: SkipReason
}

export interface ReplayedEpisode {
  readonly executed: readonly ExecutedStep[]
  readonly deferrals: readonly DeferralEvent[]
  readonly skips: readonly SkipEvent[]
}

/** How much of a replay the caller needs. */
export interface ReplayNeed {
  /**
   * Only whether the policy does anything (`quietAlone`): a replayer may stop at the first
   * action, deferral or skip and return just those.
   */
  readonly firstEntryOnly?: boolean
}

/** Sync on the fast path, async on the json-rules-engine reference path. */
export type EpisodeReplayer = (
  episode: Episode,
  need?: ReplayNeed,
) => ReplayedEpisode | Promise<ReplayedEpisode>

/** An invoice of an episode with its outside events, as the simulator holds it. */
export interface HeldInvoice {
  readonly record: InvoiceRecord
  readonly events: readonly EventRecord[]
}

/** What the simulator asks of a live replay (see LiveEpisode). */
export interface LiveReplay {
  /** The episode's next invoices (issue times must not decrease) and their outside events. */
  add(batch: readonly HeldInvoice[]): void
  /** No more invoices: replay to the end and flush what is left. */
  finish(): void
}

export interface LiveReplayOptions {
  readonly horizon: number | null
  /** See `settlingSpan`. */
  readonly settleMs: number | null
  readonly memoryMs: number
  /** Invoices that can no longer change, with everything the replay recorded for them. */
  readonly flush: (invoices: readonly InvoiceRecord[], replayed: ReplayedEpisode) => void
}

/** Starts a customer's episode replayed as its invoices arrive. */
export type LiveReplayer = (customer: CustomerRecord, options: LiveReplayOptions) => LiveReplay
