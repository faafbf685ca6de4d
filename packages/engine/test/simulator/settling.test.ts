import { describe, expect, it } from 'vitest'
import type { Condition } from '../../src/compiled.js'
import { policySpan } from '../../src/simulator/policy-span.js'
import { settlingSpan } from '../../src/simulator/settling.js'
import { buildPolicy, type PolicySpec, type StepSpec } from '../fixtures/build-policy.js'
import { DAY } from './fixtures.js'

const email = { type: 'notify', channels: ['email'], template: 'r' } as const
const soft: Condition = { fact: 'invoice.last_decline', operator: 'equal', value: 'soft' }

/** A policy of these steps (and rules), and its settling span. */
function settling(steps: StepSpec[], rules: Partial<PolicySpec> = {}): number | null {
  const policy = buildPolicy({ segments: [{ name: 'everyone', steps }], ...rules })
  return settlingSpan(policy, policySpan([policy]))
}

describe('how long until a case’s step rules stop changing their minds', () => {
  it('is the last step’s day and a little, when guards read only the case’s own facts', () => {
    expect(
      settling([
        { day: 0, action: email },
        { day: 10, guard: [soft], action: email },
      ]),
    ).toBe(13 * DAY)
  })

  it('waits for a guard that comes true with time, and for steps at a time of day', () => {
    const later: Condition = { fact: 'dunning.day_from_due', operator: 'greaterThan', value: 75 }
    expect(settling([{ day: 1, guard: [later], action: email }])).toBe(78 * DAY)
    expect(settling([{ day: 3, at: 10 * 60, action: email }])).toBe(6 * DAY)
    expect(settling([{ hour: 50, from: 'failure', action: email }])).toBe(51 * 3_600_000 + 2 * DAY)
  })

  it('never comes when a step reads something that moves on its own', () => {
    for (const fact of [
      'dunning.messages_7d',
      'customer.tenure',
      'customer.promise_to_pay_until',
    ]) {
      const guard: Condition = { fact, operator: 'greaterThan', value: 1 }
      expect(settling([{ day: 1, guard: [guard], action: email }]), fact).toBeNull()
    }
    const now: Condition = { fact: 'invoice.due_at', operator: 'lessThan', value: { fact: 'now' } }
    expect(settling([{ day: 1, guard: [now], action: email }])).toBeNull()
  })

  it('never comes when the policy reads account aggregates: every open case counts in them', () => {
    const many: Condition = { fact: 'account.unpaid_invoices', operator: 'greaterThan', value: 2 }
    expect(settling([{ day: 1, action: email }], { stops: [many] })).toBeNull()
  })

  it('counts pauses and stops too: a case set aside must stay neither paused nor stopped', () => {
    const promised: Condition = {
      fact: 'customer.promise_to_pay_until',
      operator: 'greaterThan',
      value: { fact: 'now' },
    }
    expect(settling([{ day: 5, action: email }], { pauses: [promised] })).toBeNull()
    const written: Condition = { fact: 'dunning.day_from_due', operator: 'greaterThan', value: 90 }
    expect(settling([{ day: 5, action: email }], { stops: [written] })).toBe(93 * DAY)
  })
})
