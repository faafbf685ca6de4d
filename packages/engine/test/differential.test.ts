import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prepare } from '../src/evaluate/prepare.js'
import { customerCaseFacts } from '../src/facts/input.js'
import { buildFactView } from '../src/facts/view.js'
import { customerFacts, evaluationTime, policy } from './fixtures/arbitraries.js'

/**
 * The fast path (closures) is held equal to the reference path (a stock json-rules-engine
 * Engine) on generated policies over the whole catalogue and every operator, and on
 * generated facts: the same fired rules and the same decisions, traces included.
 */
const scenario = policy.chain((compiled) =>
  fc.record({
    compiled: fc.constant(compiled),
    facts: customerFacts(compiled),
    now: evaluationTime,
  }),
)

describe('fast path = reference path', () => {
  it('fires the same rules on every case', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ compiled, facts: input, now }) => {
        const facts = customerCaseFacts.parse(input)
        const fast = prepare(compiled)
        const reference = prepare(compiled, { path: 'reference' })
        for (let i = 0; i < facts.cases.length; i++) {
          const view = buildFactView(facts, i, now)
          const want = await reference.runner.run({ view, trace: true })
          const got = fast.runner.run({ view, trace: true })
          expect([...got.fired]).toEqual([...want.fired])
          expect(got.trace).toEqual(want.trace)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('makes the same decisions', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ compiled, facts: input, now }) => {
        const facts = customerCaseFacts.parse(input)
        const want = await prepare(compiled, { path: 'reference' }).evaluateCustomer(facts, now, {
          trace: true,
        })
        expect(prepare(compiled).evaluateCustomer(facts, now, { trace: true })).toEqual(want)
      }),
      { numRuns: 150 },
    )
  })
})
