import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import type { Episode } from './replay-port.js'

const DAY_MS = 86_400_000

export interface GrouperOptions {
  /** How long after its anchor an unpaid invoice can still cause an action. */
  readonly caseSpanMs: number
  /** The longest window a past contact still counts in (caps): episodes this far apart cannot interact. */
  readonly memoryMs: number
  readonly horizon: number | null
  readonly customerFor: (record: InvoiceRecord) => CustomerRecord
  readonly eventsFor: (invoiceId: string) => readonly EventRecord[]
}

interface OpenEpisode {
  readonly customer: CustomerRecord
  /** Held without their own copy of the customer: an episode may hold many. */
  readonly invoices: InvoiceRecord[]
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

  /** Adds the next invoice (issue times must not decrease); returns the episodes it closed. */
  add(record: InvoiceRecord): Episode[] {
    const now = record.invoice.issued_at
    const closed = this.sweepOncePerDay(now)
    const current = this.open.get(record.customerId)
    if (current && current.quietAfter >= now) {
      current.invoices.push(withoutCustomer(record))
      current.quietAfter = Math.max(current.quietAfter, this.quietAfter(record))
    } else {
      if (current) closed.push(this.close(current))
      this.open.set(record.customerId, this.start(record))
    }
    return closed
  }

  /** The invoice as an episode of its own, to see whether the policy would touch it at all. */
  alone(record: InvoiceRecord): Episode {
    return this.close(this.start(record))
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
    for (const [customerId, episode] of this.open) {
      if (episode.quietAfter < now) {
        this.open.delete(customerId)
        closed.push(this.close(episode))
      }
    }
    return closed
  }

  /** Paid invoices stop at payment; unpaid ones at the end of the policy's span after their anchor. */
  private quietAfter(record: InvoiceRecord): number {
    const { invoice } = record
    const lastEvent = this.options
      .eventsFor(invoice.id)
      .reduce((latest, event) => Math.max(latest, event.at), -Infinity)
    const anchor = Math.max(invoice.due_at, invoice.first_failed_at ?? -Infinity, lastEvent)
    const end = Math.min(record.paidAt ?? Infinity, anchor + this.options.caseSpanMs)
    return end + this.options.memoryMs
  }

  private start(record: InvoiceRecord): OpenEpisode {
    return {
      customer: this.options.customerFor(record),
      invoices: [withoutCustomer(record)],
      quietAfter: this.quietAfter(record),
    }
  }

  private close(open: OpenEpisode): Episode {
    const invoices = open.invoices.sort(byIssueThenId)
    return {
      customer: open.customer,
      invoices,
      events: asWasEvents(invoices, this.options.eventsFor),
      horizon: this.options.horizon,
    }
  }
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
function asWasEvents(
  invoices: readonly InvoiceRecord[],
  eventsFor: (invoiceId: string) => readonly EventRecord[],
): EventRecord[] {
  const events: EventRecord[] = []
  for (const { invoice, paidAt } of invoices) {
    events.push(...eventsFor(invoice.id))
    if (paidAt !== null) {
      events.push({ type: 'payment_succeeded', invoice_id: invoice.id, at: paidAt, amount: null })
    }
  }
  return events.sort((a, b) => a.at - b.at)
}
