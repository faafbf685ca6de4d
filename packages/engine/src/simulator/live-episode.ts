import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import type { CaseStatus, Decision } from '../decision.js'
import type { FastPolicy } from '../evaluate/prepare.js'
import { customerCaseFactsWith } from '../facts/copy.js'
import type { CaseFacts, ContactFacts, CustomerCaseFacts } from '../facts/input.js'
import { advance, startReplay, type ReplayState, type TimelineEntry } from '../replay.js'
import { byIssueThenId, invoiceEvents } from './episode-grouper.js'
import { NO_HISTORY, replayedFrom } from './engine-replayer.js'
import type { HeldInvoice, LiveReplay, LiveReplayOptions } from './replay-port.js'

const SETTLED: ReadonlySet<CaseStatus> = new Set(['completed', 'stopped', 'rejected'])
const ENDED: ReadonlySet<CaseStatus> = new Set(['stopped', 'rejected'])

/**
 * An invoice came whose events go back before moments the live replay has already
 * evaluated: only a replay of the whole episode can be exact. Rare (events dated long
 * before their invoice); the simulation starts again replaying whole episodes.
 */
export class EventBeforeReplayed extends Error {
  constructor(invoiceId: string, at: number) {
    super(
      `invoice ${invoiceId} has an event at ${new Date(at).toISOString()}, before moments of its customer's replay already evaluated`,
    )
  }
}

interface LiveInvoice {
  readonly record: InvoiceRecord
  /** Its last event's time: until then its facts can change from outside. */
  readonly lastEventAt: number
}

/**
 * One customer's episode replayed as its invoices arrive (fast path), instead of held
 * until it closes: the same moments evaluated in the same order as `replay` over the whole
 * episode, so the same timeline. Cases that can no longer change (ended, or settled for
 * good: see `settlingSpan`) are handed to `flush` and dropped, with contacts too old to
 * count in any cap, so a customer who never pays costs the same memory in the second year
 * as in the first.
 */
export class LiveEpisode implements LiveReplay {
  private readonly state: ReplayState
  private readonly invoices = new Map<string, LiveInvoice>()
  /** Every moment before this has been evaluated, none at or after it. */
  private evaluatedBefore = -Infinity
  /** Cases found settled for good during a run of the replay, flushed at its end. */
  private readonly settled = new Set<string>()
  private readonly onDecisions = (decisions: readonly Decision[], now: number) =>
    this.setAside(decisions, now)
  /**
   * A completed case set aside had matched a segment: in a whole replay it would still wake
   * when a promise to pay ends, and count as not settled until then.
   */
  private asideWithSegment = false
  private readonly standIn = (facts: CustomerCaseFacts, now: number) => {
    const promise = facts.customer.promise_to_pay_until
    return this.asideWithSegment && promise !== null && promise > now ? promise : null
  }

  constructor(
    private readonly policy: FastPolicy,
    customer: CustomerRecord,
    private readonly options: LiveReplayOptions,
  ) {
    this.state = startReplay({
      facts: {
        customer: customer.customer,
        history: customer.history ?? NO_HISTORY,
        account: null,
        contacts: [],
        cases: [],
      },
    })
  }

  /**
   * The episode's next invoices with their outside events (issue times must not decrease
   * from one batch to the next): the replay runs up to the first moment they touch, then
   * takes them in.
   */
  add(batch: readonly HeldInvoice[]): void {
    const arriving = batch.map(({ record, events }) => ({
      record,
      events: invoiceEvents(record, events),
    }))
    let from = Infinity
    for (const { record, events } of arriving) {
      const first = events.reduce((at, event) => Math.min(at, event.at), record.invoice.issued_at)
      if (first < this.evaluatedBefore) throw new EventBeforeReplayed(record.invoice.id, first)
      from = Math.min(from, first)
    }
    this.advanceBefore(from, true)
    const state = this.state
    let cases = state.facts.cases
    let pending: readonly EventRecord[] = state.events.slice(state.eventIndex)
    state.issues.splice(0, state.issueIndex)
    state.issueIndex = 0
    for (const { record, events } of arriving) {
      const lastEventAt = events.reduce((latest, event) => Math.max(latest, event.at), -Infinity)
      this.invoices.set(record.invoice.id, { record, lastEventAt })
      cases = inOrder(cases, { invoice: record.invoice, dunning: { steps_done: [], retries: [] } })
      state.outcomes.set(record.invoice.id, 'pending')
      state.issues.push(record.invoice.issued_at)
      pending = this.merged(pending, events)
    }
    state.facts = customerCaseFactsWith(state.facts, { cases })
    state.events = pending
    state.eventIndex = 0
    state.now = Math.min(state.now, from)
  }

  /** No more invoices: the replay runs to its end and every invoice left is flushed. */
  finish(): void {
    this.advanceBefore(this.options.horizon ?? Infinity, false)
    const left = this.state.facts.cases.map((c) => this.invoices.get(c.invoice.id)!.record)
    if (left.length > 0) this.options.flush(left, replayedFrom(this.state.timeline))
  }

  private advanceBefore(at: number, moreToCome: boolean): void {
    const before = Math.min(at, this.options.horizon ?? Infinity)
    this.policy.run(
      advance(this.policy, this.state, {
        before,
        moreToCome,
        onDecisions: this.onDecisions,
        standIn: this.standIn,
      }),
    )
    this.evaluatedBefore = Math.max(this.evaluatedBefore, before)
    // flushed once per run, not per moment: a settled case left in meanwhile changes nothing
    if (this.settled.size > 0) this.flushCases(this.settled)
    this.settled.clear()
    this.pruneContacts(before)
  }

  /** The invoice's events among those still to come: by time, then in the episode's invoice order. */
  private merged(
    pending: readonly EventRecord[],
    own: readonly EventRecord[],
  ): readonly EventRecord[] {
    if (own.length === 0) return pending
    const order = (event: EventRecord) => this.invoices.get(event.invoice_id)!.record
    return [...pending, ...own].sort((a, b) => a.at - b.at || byIssueThenId(order(a), order(b)))
  }

  /** Marks the cases that can no longer change. */
  private setAside(decisions: readonly Decision[], now: number): void {
    for (const decision of decisions) {
      if (!this.cannotChange(decision, now)) continue
      this.settled.add(decision.invoiceId)
      if (!ENDED.has(decision.status) && decision.segment !== null) this.asideWithSegment = true
    }
  }

  /**
   * Drops the contacts no cap can count from `before` on (all later moments are), but the
   * last one (time since last contact): between runs the replay keeps only what it needs.
   */
  private pruneContacts(before: number): void {
    const { contacts } = this.state.facts
    if (contacts.length <= 1 || !Number.isFinite(before)) return
    const since = before - this.options.memoryMs
    if (contacts.every((contact) => contact.at > since)) return
    this.state.facts = customerCaseFactsWith(this.state.facts, {
      contacts: recentContacts(contacts, since),
    })
  }

  private cannotChange(decision: Decision, now: number): boolean {
    const { status } = decision
    if (this.settled.has(decision.invoiceId)) return false
    if (!SETTLED.has(status) || decision.nextWakeAt !== null) return false
    if (decision.due.length + decision.deferred.length + decision.skipped.length > 0) return false
    const live = this.invoices.get(decision.invoiceId)!
    if (now < live.lastEventAt) return false
    if (ENDED.has(status)) return true
    const { settleMs } = this.options
    if (settleMs === null) return false
    const invoice = this.caseOf(decision.invoiceId).invoice
    return now >= Math.max(invoice.due_at, invoice.first_failed_at ?? -Infinity) + settleMs
  }

  private caseOf(invoiceId: string): CaseFacts {
    return this.state.facts.cases.find((c) => c.invoice.id === invoiceId)!
  }

  private flushCases(done: ReadonlySet<string>): void {
    const state = this.state
    const records: InvoiceRecord[] = []
    for (const c of state.facts.cases) {
      if (done.has(c.invoice.id)) records.push(this.invoices.get(c.invoice.id)!.record)
    }
    const theirs: TimelineEntry[] = []
    let kept = 0
    for (const entry of state.timeline) {
      if (done.has(entry.invoiceId)) theirs.push(entry)
      else state.timeline[kept++] = entry
    }
    state.timeline.length = kept
    for (const id of done) {
      state.outcomes.delete(id)
      state.deferralsSeen.delete(id)
      this.invoices.delete(id)
    }
    state.facts = customerCaseFactsWith(state.facts, {
      cases: state.facts.cases.filter((c) => !done.has(c.invoice.id)),
    })
    this.options.flush(records, replayedFrom(theirs))
  }
}

/** The cases with one more, in the episode's order (issue time, then invoice id). */
function inOrder(cases: readonly CaseFacts[], added: CaseFacts): CaseFacts[] {
  const next = cases.slice()
  let at = next.length
  while (at > 0 && byIssueThenId(next[at - 1]!, added) > 0) at--
  next.splice(at, 0, added)
  return next
}

/** Contacts a cap can still count (after `since`), and the last one (time since last contact). */
function recentContacts(contacts: readonly ContactFacts[], since: number): ContactFacts[] {
  let last: ContactFacts | null = null
  for (const contact of contacts) if (last === null || contact.at > last.at) last = contact
  return contacts.filter((contact) => contact.at > since || contact === last)
}
