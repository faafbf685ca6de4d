import { describe, expect, it } from 'vitest'
import { policySpan } from '../../src/simulator/policy-span.js'
import type { Episode, ReplayedEpisode } from '../../src/simulator/replay-port.js'
import { SoloReplays } from '../../src/simulator/solo-replays.js'
import { customer, invoice, policy, T0 } from './fixtures.js'

const QUIET: ReplayedEpisode = { executed: [], deferrals: [], skips: [] }
const ACTS: ReplayedEpisode = {
  executed: [],
  deferrals: [],
  skips: [{ invoiceId: 'I', stepId: 's', reason: 'opted_out' }],
}

/** A solo replayer whose answers the test scripts, counting how often it is asked. */
function scripted() {
  let quiet = false
  let asked = 0
  const solo = new SoloReplays(
    [
      {
        replay: () => {
          asked += 1
          return quiet ? QUIET : ACTS
        },
        accepts: () => true,
      },
    ],
    policySpan([policy()]),
  )
  const paid = { ...invoice('I', 'c1', T0), paidAt: T0 + 1000 }
  const episode = (): Episode => ({
    customer: customer('c1'),
    invoices: [paid],
    events: [],
    horizon: null,
  })
  return {
    /** Asks about `n` candidates; returns how many were replayed alone and found quiet. */
    candidates(n: number, answer: 'quiet' | 'acts') {
      quiet = answer === 'quiet'
      const before = asked
      let leftAlone = 0
      for (let i = 0; i < n; i++) if (solo.leftAlone(paid, episode) === true) leftAlone += 1
      return { replayed: asked - before, leftAlone }
    },
  }
}

describe('solo replays', () => {
  it('are tried for every candidate while they find invoices left alone', () => {
    const solo = scripted()
    expect(solo.candidates(1000, 'quiet')).toEqual({ replayed: 1000, leftAlone: 1000 })
  })

  it('fall back to a 1-in-32 sample when almost none is left alone, and come back when some are', () => {
    const solo = scripted()
    // a smoothed share starting at 1 drops below 1 in 4 after ~180 acting candidates
    const first = solo.candidates(1000, 'acts')
    expect(first.replayed).toBeGreaterThan(150)
    expect(first.replayed).toBeLessThan(250)
    expect(first.leftAlone).toBe(0)
    expect(solo.candidates(3200, 'acts').replayed).toBe(100)
    // quiet invoices again: the sample notices, and every candidate is tried once more
    const recovering = solo.candidates(3200, 'quiet')
    expect(recovering.leftAlone).toBe(recovering.replayed)
    expect(solo.candidates(100, 'quiet')).toEqual({ replayed: 100, leftAlone: 100 })
  })

  it('never replays an unpaid invoice alone', () => {
    const solo = new SoloReplays(
      [{ replay: () => QUIET, accepts: () => true }],
      policySpan([policy()]),
    )
    const unpaid = invoice('I', 'c1', T0)
    expect(solo.leftAlone({ ...unpaid, paidAt: null }, () => ({}) as Episode)).toBe(false)
  })
})
