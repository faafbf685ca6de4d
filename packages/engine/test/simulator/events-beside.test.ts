import { describe, expect, it } from 'vitest'
import type { EventRecord } from '../../src/dataset/records.js'
import { EventsBeside, RowsRead } from '../../src/simulator/events-beside.js'
import { ReadAgain } from '../../src/simulator/read-again.js'
import { DAY, invoice, T0 } from './fixtures.js'

const failed = (invoiceId: string, day: number): EventRecord => ({
  type: 'payment_failed',
  invoice_id: invoiceId,
  at: T0 + day * DAY,
  decline_code: 'insufficient_funds',
  decline_class: 'soft',
})

/** The events file in batches of `size`, as the events reader hands it over. */
async function* batches(events: readonly EventRecord[], size: number) {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size)
}

/** Rows `in_0`… issued one a day; the reader tells them all, built or not. */
function rowsOf(days: readonly number[]): RowsRead {
  const rows = new RowsRead()
  for (const day of days) rows.add(`in_${day}`, T0 + day * DAY)
  return rows
}

describe('events read beside the invoices', () => {
  it('hands each own invoice its events and skips the events of rows it does not build', async () => {
    // in_1 has none; in_2 belongs to another part; batches of one event cross the groups
    const events = [failed('in_0', 1), failed('in_0', 3), failed('in_2', 4), failed('in_3', 5)]
    const beside = new EventsBeside(batches(events, 1))
    const rows = rowsOf([0, 1, 2])
    await beside.pass(rows, [invoice('in_0', 'c', 0), invoice('in_1', 'c', 1)])
    expect(beside.of('in_0')).toEqual([failed('in_0', 1), failed('in_0', 3)])
    expect(beside.of('in_1')).toEqual([])
    expect(beside.of('in_2')).toEqual([])
    rows.clear()
    rows.add('in_3', T0 + 3 * DAY)
    await beside.pass(rows, [invoice('in_3', 'c', 3)])
    expect(beside.of('in_3')).toEqual([failed('in_3', 5)])
    // only the rows last passed are held
    expect(beside.of('in_0')).toEqual([])
    await expect(beside.finish()).resolves.toBeUndefined()
  })

  it('gives up, keeping the partition, when an event is left behind the invoices', async () => {
    // in_0's event comes after in_5's: in_0 has gone by when it is read
    const events = [failed('in_5', 6), failed('in_0', 1)]
    const beside = new EventsBeside(batches(events, 10))
    const own = [0, 5, 9].map((day) => invoice(`in_${day}`, 'c', day))
    const passing = beside.pass(rowsOf([0, 5, 9]), own)
    await expect(passing).rejects.toThrow(ReadAgain)
    await expect(passing).rejects.toMatchObject({ wholeFile: false })
    await expect(passing).rejects.toThrow(/events of invoice in_0 are not where/)
  })

  it('gives up at the end when events are left whose invoice never came', async () => {
    const beside = new EventsBeside(batches([failed('in_0', 1), failed('in_gone', 1)], 10))
    await beside.pass(rowsOf([0]), [invoice('in_0', 'c', 0)])
    await expect(beside.finish()).rejects.toMatchObject({ wholeFile: false })
  })

  it('waits for an event dated shortly before its invoice row (dates and zones differ)', async () => {
    const events = [failed('in_3', 2)]
    const beside = new EventsBeside(batches(events, 10))
    await beside.pass(rowsOf([0, 1, 2, 3]), [invoice('in_3', 'c', 3)])
    expect(beside.of('in_3')).toEqual(events)
    await beside.finish()
  })
})
