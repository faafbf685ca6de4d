import type { EventRecord } from '../dataset/records.js'
import { fnv1a } from './string-hash.js'

/** 2^22 bits (512 kB): one in ~14 ids without events passes through at 300k ids with some. */
const BITS = 2 ** 22
const NONE: readonly EventRecord[] = []

/**
 * A simulation's outside events, by invoice id, for one look-up per invoice. Most invoices
 * have none, and a miss in a map of a few hundred thousand ids costs cache misses (about
 * 0.3 s per million invoices here); a bitset of the ids' hashes turns most misses away
 * before the map is asked.
 */
export class EventsByInvoice {
  private readonly lists = new Map<string, EventRecord[]>()
  private readonly ids = new Uint32Array(BITS / 32)

  add(event: EventRecord): void {
    const list = this.lists.get(event.invoice_id)
    if (list) return void list.push(event)
    this.lists.set(event.invoice_id, [event])
    const bit = fnv1a(event.invoice_id) % BITS
    this.ids[bit >>> 5]! |= 1 << (bit & 31)
  }

  /** The invoice's events in the order they were added. */
  of(invoiceId: string): readonly EventRecord[] {
    const bit = fnv1a(invoiceId) % BITS
    if ((this.ids[bit >>> 5]! & (1 << (bit & 31))) === 0) return NONE
    return this.lists.get(invoiceId) ?? NONE
  }
}
