import { describe, expect, it } from 'vitest'
import { complete } from '../src/language-service/complete.js'
import { hover } from '../src/language-service/hover.js'

/** A 2,000-line policy: many segments of guarded steps, as a large real policy has. */
function largePolicy(): string {
  const segment = (i: number) => `
  segment s${i} when customer.plan == "plan-${i}" and history.late_payments_12m >= ${i % 5} {
    day -3 email "upcoming-${i}" when invoice.last_decline is soft
    day 1, 3 retry payment when invoice.attempts < 4
    day 10 call "account-manager"
    day 30 escalate to collections when invoice.amount_due > 5000 USD | 4500 EUR
  }`
  const body = Array.from({ length: 334 }, (_, i) => segment(i)).join('')
  return `policy "large" {\n  currencies USD, EUR\n  stop when invoice.balance <= 0\n${body}\n}\n`
}

/** Median milliseconds of `run` over `rounds` calls, after one warm-up call. */
function median(rounds: number, run: (round: number) => void): number {
  run(-1)
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    run(round)
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!
}

describe('language service on a 2,000-line policy', () => {
  const text = largePolicy()
  const cursor = text.lastIndexOf('invoice.amount_due') + 'invoice.'.length

  it('is that large', () => {
    expect(text.split('\n').length).toBeGreaterThanOrEqual(2000)
  })

  it('completes in a few milliseconds, even on a freshly edited text', () => {
    // Each round edits the text, as typing does, so nothing cached can answer.
    const fresh = median(15, (round) => {
      const edited = text.slice(0, cursor) + text.slice(cursor).replace('amount_due', `a${round}`)
      expect(complete(edited, cursor).length).toBeGreaterThan(0)
    })
    const again = median(15, () => complete(text, cursor))
    console.log(`completion: ${fresh.toFixed(2)} ms after an edit, ${again.toFixed(2)} ms again`)
    expect(fresh).toBeLessThan(25)
    expect(again).toBeLessThan(5)
  })

  it('hovers in a few milliseconds once the text is parsed', () => {
    const at = text.lastIndexOf('call') + 1
    const time = median(15, () => expect(hover(text, at)).not.toBeNull())
    console.log(`hover: ${time.toFixed(2)} ms`)
    expect(time).toBeLessThan(5)
  })
})
