import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import type { Episode, HeldInvoice } from './replay-port.js'

const DAY_MS = 86_400_000

export interface GrouperOptions {
  /** How long after its anchor an unpaid invoice can still cause an action. */
  readonly caseSpanMs: number
  /** The longest window a past contact still counts in (caps): episodes this far apart cannot interact. */
  readonly memoryMs: number
}

/**
 * What the grouper keeps of an open episode, `K`: its invoices held for one replay when it
 * closes, or replays kept live (see LiveEpisode).
 */
export interface EpisodeKeeper<K> {
  /** An episode begins with this invoice. */
  start(record: InvoiceRecord, customer: CustomerRecord, events: readonly EventRecord[]): K
  /** A later invoice of the same episode. */
  join(kept: K, record: InvoiceRecord, events: readonly EventRecord[]): void
}

interface OpenEpisode<K> {
  readonly customerId: string
  readonly kept: K
  /** After this instant nothing in the episode can affect a new invoice of the customer. */
  quietAfter: number
}

/**
 * Groups a stream of invoices sorted by issue time into per-customer episodes: sets of
 * invoices whose dunning can overlap (caps and quiet hours are per customer). Only
 * customers with an episode still open are held, and only what the keeper keeps of them.
 */
export class EpisodeGrouper<K> {
  private readonly open = new Map<string, OpenEpisode<K>>()
  private sweptDay = -Infinity

  constructor(
    private readonly options: GrouperOptions,
    private readonly keeper: EpisodeKeeper<K>,
  ) {}

  /**
   * Adds the next invoice (issue times must not decrease) with its customer and outside
   * events, looked up once by the caller; returns what was kept of the episodes it closed.
   */
  add(record: InvoiceRecord, customer: CustomerRecord, events: readonly EventRecord[]): K[] {
    const now = record.invoice.issued_at
    const closed = this.sweepOncePerDay(now)
    const current = this.open.get(record.customerId)
    const quietAfter = this.quietAfter(record, events)
    if (current && current.quietAfter >= now) {
      this.keeper.join(current.kept, record, events)
      current.quietAfter = Math.max(current.quietAfter, quietAfter)
    } else {
      if (current) closed.push(current.kept)
      const kept = this.keeper.start(record, customer, events)
      this.open.set(record.customerId, { customerId: record.customerId, kept, quietAfter })
    }
    return closed
  }

  /** Closes every episode still open: the end of the input. */
  finish(): K[] {
    const closed = [...this.open.values()].map((episode) => episode.kept)
    this.open.clear()
    return closed
  }

  get openEpisodes(): number {
    return this.open.size
  }

  private sweepOncePerDay(now: number): K[] {
    const day = Math.floor(now / DAY_MS)
    if (day <= this.sweptDay) return []
    this.sweptDay = day
    const closed: K[] = []
    // values(), not entries(): an entry is an array made per open episode per day
    for (const episode of this.open.values()) {
      if (episode.quietAfter < now) {
        this.open.delete(episode.customerId)
        closed.push(episode.kept)
      }
    }
    return closed
  }

  /** Paid invoices stop at payment; unpaid ones at the end of the policy's span after their anchor. */
  private quietAfter(record: InvoiceRecord, events: readonly EventRecord[]): number {
    const { invoice } = record
    const lastEvent = events.reduce((latest, event) => Math.max(latest, eventEnd(event)), -Infinity)
    const anchor = Math.max(invoice.due_at, invoice.first_failed_at ?? -Infinity, lastEvent)
    const end = Math.min(record.paidAt ?? Infinity, anchor + this.options.caseSpanMs)
    return end + this.options.memoryMs
  }
}

/** An episode's invoices held as they come, to be replayed whole once it closes. */
export interface HeldEpisode {
  readonly customer: CustomerRecord
  /** Without their own copy of the customer (an episode may hold many). */
  readonly held: HeldInvoice[]
}

export const heldEpisodes: EpisodeKeeper<HeldEpisode> = {
  start: (record, customer, events) => ({ customer, held: [heldInvoice(record, events)] }),
  join: (kept, record, events) => void kept.held.push(heldInvoice(record, events)),
}

/** The invoice as an episode holds it: without its own copy of the customer. */
export function heldInvoice(
  { customerId, invoice, paidAt }: InvoiceRecord,
  events: readonly EventRecord[],
): HeldInvoice {
  return { record: { customerId, invoice, paidAt }, events }
}

/** The invoice as an episode of its own, to see whether the policy would touch it at all. */
export function episodeAlone(
  record: InvoiceRecord,
  customer: CustomerRecord,
  events: readonly EventRecord[],
  horizon: number | null,
): Episode {
  return episodeOf(heldEpisodes.start(record, customer, events), horizon)
}

/** The episode to replay: its invoices in one order whatever order the file had. */
export function episodeOf({ customer, held }: HeldEpisode, horizon: number | null): Episode {
  held.sort((a, b) => byIssueThenId(a.record, b.record))
  return {
    customer,
    invoices: held.map((h) => h.record),
    events: asWasEvents(held),
    horizon,
  }
}

/**
 * When an event stops shaping what happens: a promise to pay only at its end. The promise
 * is the customer's (every case waits for it, and wakes when it ends), so their invoices
 * issued meanwhile must be replayed beside it.
 */
function eventEnd(event: EventRecord): number {
  return event.type === 'promise_to_pay' ? Math.max(event.at, event.until) : event.at
}

interface Issued {
  readonly invoice: { readonly issued_at: number; readonly id: string }
}

/** Issue time, then invoice id: one order whatever order the input had. */
export function byIssueThenId(a: Issued, b: Issued): number {
  return (
    a.invoice.issued_at - b.invoice.issued_at ||
    (a.invoice.id < b.invoice.id ? -1 : a.invoice.id > b.invoice.id ? 1 : 0)
  )
}

/** Mode as-was: each invoice is paid in full when it really was, beside its recorded events. */
function asWasEvents(held: readonly HeldInvoice[]): EventRecord[] {
  const events: EventRecord[] = []
  for (const { record, events: own } of held) {
    events.push(...own)
    const paid = paidInFull(record)
    if (paid !== null) events.push(paid)
  }
  return events.sort((a, b) => a.at - b.at)
}

/** An invoice's recorded events, then its payment in full when it was really paid (as-was). */
export function invoiceEvents(
  record: InvoiceRecord,
  events: readonly EventRecord[],
): readonly EventRecord[] {
  const paid = paidInFull(record)
  return paid === null ? events : [...events, paid]
}

function paidInFull({ invoice, paidAt }: InvoiceRecord): EventRecord | null {
  if (paidAt === null) return null
  return { type: 'payment_succeeded', invoice_id: invoice.id, at: paidAt, amount: null }
}
