import { describe, expect, it } from 'vitest'
import type { Condition } from '../../src/compiled.js'
import { FACTS } from '../../src/facts/catalogue.js'
import type { CustomerCaseFacts } from '../../src/facts/input.js'
import { buildFactView } from '../../src/facts/view.js'
import {
  ConditionSlots,
  guardedSteps,
  Outlook,
  settledView,
} from '../../src/simulator/guard-outlook.js'
import { buildPolicy } from '../fixtures/build-policy.js'
import { customer, invoice } from './fixtures.js'

const facts: CustomerCaseFacts = {
  customer: { ...customer('c1').customer, plan: 'annual', tags: ['vip'], created_at: 0 },
  history: {
    late_payments_12m: 2,
    avg_days_late_12m: 3.5,
    failed_payments_12m: 1,
    lifetime_value: 900,
  },
  account: null,
  contacts: [],
  cases: [
    {
      invoice: { ...invoice('I1', 'c1', 0).invoice, last_decline_class: 'soft', attempts: 2 },
      dunning: { steps_done: [], retries: [] },
    },
  ],
}

const outlookOf = (guard: Condition) => {
  const compiled = buildPolicy({
    segments: [
      {
        name: 'everyone',
        steps: [{ day: 1, guard: [guard], action: { type: 'task', title: 't', assignee: 'a' } }],
      },
    ],
  })
  const slots = new ConditionSlots()
  const [step] = guardedSteps(compiled, slots)
  const { invoice: issued } = facts.cases[0]!
  return step!.outlook(settledView(issued, facts.customer, facts.history), slots.freshMemo())
}

describe('guard outlook', () => {
  it('sees every settled fact exactly as the fact view does', () => {
    const view = buildFactView(facts, 0, Date.parse('2026-02-01T00:00:00Z'))
    const settled = settledView(facts.cases[0]!.invoice, facts.customer, facts.history)
    const paths = [...FACTS.values()]
      .filter((f) => f.derivedFrom === undefined && /^(invoice|customer|history)\./.test(f.path))
      .map((f) => f.path)
    expect(paths.length).toBeGreaterThan(20)
    for (const path of paths)
      expect({ path, value: settled[path] }).toEqual({ path, value: view[path] })
  })

  it('fails a rule only when a settled fact rules it out, whatever the clock facts say', () => {
    const plan = (value: string): Condition => ({ fact: 'customer.plan', operator: 'equal', value })
    const overdue: Condition = { fact: 'invoice.overdue', operator: 'greaterThan', value: 0 }
    expect(outlookOf(plan('monthly'))).toBe(Outlook.Fails)
    expect(outlookOf(plan('annual'))).toBe(Outlook.Depends) // the step's day condition
    expect(outlookOf({ all: [plan('monthly'), overdue] })).toBe(Outlook.Fails)
    expect(outlookOf({ any: [plan('monthly'), overdue] })).toBe(Outlook.Depends)
    expect(outlookOf({ not: { any: [plan('annual'), overdue] } })).toBe(Outlook.Fails)
    expect(outlookOf({ not: overdue })).toBe(Outlook.Depends)
    expect(
      outlookOf({
        fact: 'invoice.attempts',
        operator: 'lessThan',
        value: { fact: 'history.failed_payments_12m' },
      }),
    ).toBe(Outlook.Fails)
    expect(
      outlookOf({
        fact: 'invoice.attempts',
        operator: 'lessThan',
        value: { fact: 'dunning.retries_30d' },
      }),
    ).toBe(Outlook.Depends)
  })
})
