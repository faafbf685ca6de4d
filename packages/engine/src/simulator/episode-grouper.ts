import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import type { Episode } from './replay-port.js'

const DAY_MS = 86_400_000

export interface GrouperOptions {
  /** How long after its anchor an unpaid invoice can still cause an action. */
  readonly caseSpanMs: number
  /** The longest window a past contact still counts in (caps): episodes this far apart cannot interact. */
  readonly memoryMs: number
  readonly horizon: number | null
}

/** An invoice held without its own copy of the customer (an episode may hold many), with its events. */
interface Held {
  readonly record: InvoiceRecord
  readonly events: readonly EventRecord[]
}

interface OpenEpisode {
  readonly customerId: string
  readonly customer: CustomerRecord
  readonly held: Held[]
  /** After this instant nothing in the episode can affect a new invoice of the customer. */
  quietAfter: number
}

/**
 * Groups a stream of invoices sorted by issue time into per-customer episodes: sets of
 * invoices whose dunning can overlap (caps and quiet hours are per customer). Only
 * customers with an episode still open are held, so memory follows the invoices open at
 * once, not the length of the file.
 */
export class EpisodeGrouper {
  private readonly open = new Map<string, OpenEpisode>()
  private sweptDay = -Infinity

  constructor(private readonly options: GrouperOptions) {}

  /**
   * Adds the next invoice (issue times must not decrease) with its customer and outside
   * events, looked up once by the caller; returns the episodes it closed.
   */
  add(record: InvoiceRecord, customer: CustomerRecord, events: readonly EventRecord[]): Episode[] {
    const now = record.invoice.issued_at
    const closed = this.sweepOncePerDay(now)
    const current = this.open.get(record.customerId)
    if (current && current.quietAfter >= now) {
      current.held.push({ record: withoutCustomer(record), events })
      current.quietAfter = Math.max(current.quietAfter, this.quietAfter(record, events))
    } else {
      if (current) closed.push(this.close(current))
      this.open.set(record.customerId, this.start(record, customer, events))
    }
    return closed
  }

  /** The invoice as an episode of its own, to see whether the policy would touch it at all. */
  alone(record: InvoiceRecord, customer: CustomerRecord, events: readonly EventRecord[]): Episode {
    return this.close(this.start(record, customer, events))
  }

  /** Closes every episode still open: the end of the input. */
  finish(): Episode[] {
    const closed = [...this.open.values()].map((episode) => this.close(episode))
    this.open.clear()
    return closed
  }

  get openEpisodes(): number {
    return this.open.size
  }

  private sweepOncePerDay(now: number): Episode[] {
    const day = Math.floor(now / DAY_MS)
    if (day <= this.sweptDay) return []
    this.sweptDay = day
    const closed: Episode[] = []
    // values(), not entries(): an entry is an array made per open episode per day
    for (const episode of this.open.values()) {
      if (episode.quietAfter < now) {
        this.open.delete(episode.customerId)
        closed.push(this.close(episode))
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

  private start(
    record: InvoiceRecord,
    customer: CustomerRecord,
    events: readonly EventRecord[],
  ): OpenEpisode {
    return {
      customerId: record.customerId,
      customer,
      held: [{ record: withoutCustomer(record), events }],
      quietAfter: this.quietAfter(record, events),
    }
  }

  private close(open: OpenEpisode): Episode {
    const held = open.held.sort((a, b) => byIssueThenId(a.record, b.record))
    return {
      customer: open.customer,
      invoices: held.map((h) => h.record),
      events: asWasEvents(held),
      horizon: this.options.horizon,
    }
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

function withoutCustomer({ customerId, invoice, paidAt }: InvoiceRecord): InvoiceRecord {
  return { customerId, invoice, paidAt }
}

/** Issue time, then invoice id: one order whatever order the input had. */
export function byIssueThenId(a: InvoiceRecord, b: InvoiceRecord): number {
  return (
    a.invoice.issued_at - b.invoice.issued_at ||
    (a.invoice.id < b.invoice.id ? -1 : a.invoice.id > b.invoice.id ? 1 : 0)
  )
}

/** Mode as-was: each invoice is paid in full when it really was, beside its recorded events. */
function asWasEvents(held: readonly Held[]): EventRecord[] {
  const events: EventRecord[] = []
  for (const { record, events: own } of held) {
    const { invoice, paidAt } = record
    events.push(...own)
    if (paidAt !== null) {
      events.push({ type: 'payment_succeeded', invoice_id: invoice.id, at: paidAt, amount: null })
    }
  }
  return events.sort((a, b) => a.at - b.at)
}
