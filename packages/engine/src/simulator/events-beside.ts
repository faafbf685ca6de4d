import type { EventRecord, InvoiceRecord } from '../dataset/records.js'
import { ReadAgain } from './read-again.js'

const NONE: readonly EventRecord[] = []
/**
 * An event this long before the issue date of an invoice row already passed cannot be an
 * event of a later row in an aligned file (events come after their invoice's issue; two
 * days allow for dates and instants written in different zones).
 */
const STALL_SLACK_MS = 2 * 86_400_000

/** The invoices file's rows as the reader tells them (`onRow`), since the last batch. */
export class RowsRead {
  ids: string[] = []
  issuedAts: (number | null)[] = []

  readonly add = (invoiceId: string, issuedAt: number | null): void => {
    this.ids.push(invoiceId)
    this.issuedAts.push(issuedAt)
  }

  clear(): void {
    this.ids = []
    this.issuedAts = []
  }
}

/**
 * Reads an events file beside the invoices file, when it lists each invoice's events
 * together and the invoices in the invoices file's order (as exports written per invoice
 * do): a merge join over the two files, so only one batch of events is ever held and
 * memory does not grow with the history. Events listed any other way are found out (an
 * event left behind the invoices, or left over at the end), and `ReadAgain` says to read
 * the events file whole instead.
 */
export class EventsBeside {
  private readonly batches: AsyncIterator<readonly EventRecord[]>
  private batch: readonly EventRecord[] = NONE
  private next = 0
  private ended = false
  private current = new Map<string, readonly EventRecord[]>()

  constructor(events: AsyncIterable<readonly EventRecord[]>) {
    this.batches = events[Symbol.asyncIterator]()
  }

  /**
   * Reads on past the events of every row listed, in order, and keeps those of `own` (the
   * records built from these rows, in the same order) until the next call.
   */
  async pass(rows: RowsRead, own: readonly InvoiceRecord[]): Promise<void> {
    this.current = new Map()
    let ownAt = 0
    for (let i = 0; i < rows.ids.length; i++) {
      const id = rows.ids[i]!
      const isOwn = ownAt < own.length && own[ownAt]!.invoice.id === id
      if (isOwn) ownAt += 1
      let event = this.peek() ?? (await this.refill())
      if (event === null) continue
      if (event.invoice_id !== id) {
        this.checkNotLeftBehind(event, rows.issuedAts[i]!)
        continue
      }
      const group: EventRecord[] = []
      while (event !== null && event.invoice_id === id) {
        group.push(event)
        this.next += 1
        event = this.peek() ?? (await this.refill())
      }
      if (isOwn) this.current.set(id, group)
    }
  }

  /** The events of an invoice of the rows last passed. */
  of(invoiceId: string): readonly EventRecord[] {
    return this.current.get(invoiceId) ?? NONE
  }

  /** After the last row: every event must have found its invoice. */
  async finish(): Promise<void> {
    const left = this.peek() ?? (await this.refill())
    if (left !== null) throw notAligned(left)
  }

  /** Stops reading (a pass given up half way): the file is closed. */
  async close(): Promise<void> {
    if (!this.ended) await this.batches.return?.()
    this.ended = true
  }

  private peek(): EventRecord | null {
    return this.next < this.batch.length ? this.batch[this.next]! : null
  }

  private async refill(): Promise<EventRecord | null> {
    while (!this.ended) {
      const read = await this.batches.next()
      if (read.done) this.ended = true
      else if (read.value.length > 0) {
        this.batch = read.value
        this.next = 0
        return this.batch[0]!
      }
    }
    return null
  }

  private checkNotLeftBehind(event: EventRecord, issuedAt: number | null): void {
    if (issuedAt !== null && event.at + STALL_SLACK_MS < issuedAt) throw notAligned(event)
  }
}

function notAligned(event: EventRecord): ReadAgain {
  return new ReadAgain(
    `the events of invoice ${event.invoice_id} are not where the invoices file lists it, so the events file is read whole`,
    { wholeFile: false },
  )
}
