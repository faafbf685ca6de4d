import { describe, expect, it } from 'vitest'
import type { EventRecord } from '../../src/dataset/records.js'
import { EventsByInvoice } from '../../src/simulator/events-by-invoice.js'

const failed = (invoice: string, at: number): EventRecord => ({
  type: 'payment_failed',
  invoice_id: invoice,
  at,
  decline_code: 'insufficient_funds',
  decline_class: 'soft',
})

describe('events by invoice', () => {
  it('gives each invoice its own events in the order added, and none to the others', () => {
    const events = new EventsByInvoice()
    const ids = Array.from({ length: 20_000 }, (_, i) => `in_${String(i).padStart(8, '0')}`)
    // every third invoice has events, one in nine has two
    ids.forEach((id, i) => {
      if (i % 3 === 0) events.add(failed(id, i))
      if (i % 9 === 0) events.add(failed(id, i + 1))
    })
    for (const [i, id] of ids.entries()) {
      const expected =
        i % 3 !== 0 ? [] : i % 9 === 0 ? [failed(id, i), failed(id, i + 1)] : [failed(id, i)]
      expect(events.of(id)).toEqual(expected)
    }
    expect(events.of('')).toEqual([])
    expect(events.of('in_unknown')).toEqual([])
  })
})
