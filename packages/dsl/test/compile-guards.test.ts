import { describe, expect, it } from 'vitest'
import { compile } from '../src/compile.js'

/** Compiles a one-segment policy with these steps; fails on any error. */
function compiledSteps(steps: readonly string[]) {
  const text = `policy "g" {\n  currencies USD, EUR\n  segment all {\n${steps.map((s) => `    ${s}\n`).join('')}  }\n}\n`
  const result = compile(text)
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  if (!result.compiled) throw new Error('no compiled policy')
  return result.compiled
}

/** The guard condition (last condition) of each rule, as JSON. */
function guardJson(steps: readonly string[]): string[] {
  return compiledSteps(steps).rules.map((rule) => JSON.stringify(rule.conditions.all.at(-1)))
}

describe('compile: guards written the same on several steps', () => {
  const guard = 'invoice.amount_due > 49.9 USD | 45 EUR and not invoice.disputed'

  it('compile to what each step compiles to alone', () => {
    const together = guardJson([
      `day 1 email "a" when ${guard}`,
      `day 2 sms "b" when ${guard}`,
      `day 3 letter "c" when ${guard}`,
    ])
    expect(together).toEqual([
      ...guardJson([`day 1 email "a" when ${guard}`]),
      ...guardJson([`day 2 sms "b" when ${guard}`]),
      ...guardJson([`day 3 letter "c" when ${guard}`]),
    ])
  })

  it('keep their own texts when they differ only in parentheses or spelling', () => {
    const plan = compiledSteps([
      'day 1 email "a" when (invoice.attempts > 2)',
      'day 2 email "b" when invoice.attempts > 2',
      'day 3 email "c" when invoice.attempts > 02.0',
      'day 4 email "d" when invoice.last_decline is not hard',
      'day 5 email "e" when invoice.last_decline is hard',
      'day 6 email "f" when invoice.amount_due > 49.9 USD',
      'day 7 email "g" when invoice.amount_due > 49.90 USD',
      'day 8 email "h" when customer.country in ["DE", "AT"]',
      'day 9 email "i" when customer.country not in ["DE", "AT"]',
    ]).plan
    expect(plan.segments[0]!.steps.map((step) => step.guard)).toEqual([
      '(invoice.attempts > 2)',
      'invoice.attempts > 2',
      'invoice.attempts > 2',
      'invoice.last_decline is not hard',
      'invoice.last_decline is hard',
      'invoice.amount_due > 49.90 USD',
      'invoice.amount_due > 49.90 USD',
      'customer.country in ["DE", "AT"]',
      'customer.country not in ["DE", "AT"]',
    ])
  })

  it('keep their own conditions when they differ in a flag or a value', () => {
    const [isNot, is, inList, notInList, days, weeks] = guardJson([
      'day 1 email "a" when invoice.last_decline is not hard',
      'day 2 email "b" when invoice.last_decline is hard',
      'day 3 email "c" when customer.country in ["DE", "AT"]',
      'day 4 email "d" when customer.country not in ["DE", "AT"]',
      'day 5 email "e" when invoice.overdue > 14 days',
      'day 6 email "f" when invoice.overdue > 2 weeks',
    ])
    expect(isNot).toContain('"notEqual"')
    expect(is).toContain('"equal"')
    expect(inList).toContain('"in"')
    expect(notInList).toContain('"notIn"')
    expect(days).toEqual(weeks)
  })
})
