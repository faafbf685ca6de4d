import { describe, expect, it } from 'vitest'
import { compile } from '../src/compile.js'

const POLICY = `policy "p" {
  currencies USD, EUR
  limits {
    quiet hours 21:00 to 08:30
    at most 3 messages per 7 days
    at most 2 calls per 1 week
  }
  stop when invoice.balance <= 0
  pause when invoice.disputed or customer.promise_to_pay_until > now
  segment big when customer.arr >= 50000 USD | 45000.50 EUR {
    anchor failure
    day -3 from due email "upcoming"
    day 2 at 10:15 call "account-manager"
    hour 4 retry payment
  }
  segment everyone {
    day 1, 3 retry payment when invoice.last_decline is soft
    day 7 sms, email "final" as "final-notice"
  }
}
`

function compiled(text: string) {
  const result = compile(text)
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  if (!result.compiled) throw new Error('no compiled policy')
  return result.compiled
}

function rule(text: string, name: string) {
  const found = compiled(text).rules.find((r) => r.name === name)
  if (!found) throw new Error(`no rule ${name}`)
  return found
}

/** A one-segment policy whose single step is guarded by `guard`; returns the guard's condition. */
function guardCondition(guard: string) {
  const text = `policy "g" { currencies USD, EUR; segment all { day 1 email "x" when ${guard} } }`
  const conditions = rule(text, 'all/notify:email:x#1').conditions.all
  return conditions[conditions.length - 1]
}

describe('compile: rules', () => {
  it('compiles a step to segment predicate + timing + not-done + guard, per FORMAT.md', () => {
    expect(rule(POLICY, 'everyone/retry:default#2')).toEqual({
      name: 'everyone/retry:default#2',
      priority: 1,
      conditions: {
        all: [
          {
            not: {
              all: [
                {
                  any: [
                    {
                      all: [
                        { fact: 'customer.currency', operator: 'equal', value: 'USD' },
                        { fact: 'customer.arr', operator: 'greaterThanInclusive', value: 5000000 },
                      ],
                    },
                    {
                      all: [
                        { fact: 'customer.currency', operator: 'equal', value: 'EUR' },
                        { fact: 'customer.arr', operator: 'greaterThanInclusive', value: 4500050 },
                      ],
                    },
                  ],
                },
              ],
            },
          },
          { fact: 'dunning.day_from_due', operator: 'greaterThanInclusive', value: 3 },
          {
            fact: 'dunning.steps_done',
            operator: 'doesNotContain',
            value: 'everyone/retry:default#2',
          },
          { all: [{ fact: 'invoice.last_decline', operator: 'equal', value: 'soft' }] },
        ],
      },
      event: {
        type: 'step',
        params: {
          step: 'everyone/retry:default#2',
          segment: 'everyone',
          action: { type: 'retry_payment', methods: 'default' },
        },
      },
    })
  })

  it('puts the own predicate of a segment with a `when` after the earlier ones', () => {
    const first = rule(POLICY, 'big/call:account-manager#1').conditions.all[0]
    expect(first).toMatchObject({ all: [{ any: [{}, {}] }] })
  })

  it('uses the segment anchor, `at` minutes and `from due` per step', () => {
    const all = rule(POLICY, 'big/call:account-manager#1').conditions.all
    expect(all[1]).toEqual({
      any: [
        { fact: 'dunning.day_from_failure', operator: 'greaterThan', value: 2 },
        {
          all: [
            { fact: 'dunning.day_from_failure', operator: 'equal', value: 2 },
            { fact: 'dunning.local_minute', operator: 'greaterThanInclusive', value: 615 },
          ],
        },
      ],
    })
    expect(rule(POLICY, 'big/retry:default#1').conditions.all[1]).toEqual({
      fact: 'dunning.hours_from_failure',
      operator: 'greaterThanInclusive',
      value: 4,
    })
  })

  it('keeps a pre-due step from firing on or after the due day', () => {
    const all = rule(POLICY, 'big/notify:email:upcoming#1').conditions.all
    expect(all.slice(1, 3)).toEqual([
      { fact: 'dunning.day_from_due', operator: 'greaterThanInclusive', value: -3 },
      { fact: 'dunning.day_from_due', operator: 'lessThan', value: 0 },
    ])
  })

  it('compiles stop and pause rules with priorities and the condition text as reason', () => {
    const rules = compiled(POLICY).rules
    expect(rules.slice(0, 2)).toEqual([
      {
        name: 'stop#1',
        priority: 3,
        conditions: { all: [{ fact: 'invoice.balance', operator: 'lessThanInclusive', value: 0 }] },
        event: { type: 'stop', params: { reason: 'invoice.balance <= 0' } },
      },
      {
        name: 'pause#1',
        priority: 2,
        conditions: {
          all: [
            {
              any: [
                { fact: 'invoice.disputed', operator: 'equal', value: true },
                {
                  fact: 'customer.promise_to_pay_until',
                  operator: 'greaterThan',
                  value: { fact: 'now' },
                },
              ],
            },
          ],
        },
        event: {
          type: 'pause',
          params: { reason: 'invoice.disputed or customer.promise_to_pay_until > now' },
        },
      },
    ])
  })

  it('makes a segment after a catch-all unable to match', () => {
    const text = `policy "c" { currencies USD; segment a { day 1 email "x" } segment b when invoice.disputed { day 1 email "x" } }`
    expect(rule(text, 'b/notify:email:x#1').conditions.all[0]).toEqual({ not: { all: [] } })
    expect(rule(text, 'a/notify:email:x#1').conditions.all[0]).toEqual({
      fact: 'dunning.day_from_due',
      operator: 'greaterThanInclusive',
      value: 1,
    })
  })
})

describe('compile: expressions', () => {
  it('flips a literal on the left so the fact comes first', () => {
    expect(guardCondition('100 < invoice.attempts')).toEqual({
      all: [{ fact: 'invoice.attempts', operator: 'greaterThan', value: 100 }],
    })
  })

  it('puts `now` on the right', () => {
    expect(guardCondition('now < customer.promise_to_pay_until')).toEqual({
      all: [
        { fact: 'customer.promise_to_pay_until', operator: 'greaterThan', value: { fact: 'now' } },
      ],
    })
  })

  it('converts durations to milliseconds', () => {
    expect(guardCondition('invoice.overdue > 30 days')).toEqual({
      all: [{ fact: 'invoice.overdue', operator: 'greaterThan', value: 30 * 86_400_000 }],
    })
    expect(guardCondition('customer.tenure >= 2 weeks')).toEqual({
      all: [{ fact: 'customer.tenure', operator: 'greaterThanInclusive', value: 14 * 86_400_000 }],
    })
  })

  it('compiles in, not in, contains, is and is not', () => {
    expect(
      guardCondition(
        'customer.country in ["DE", "AT"] and customer.plan not in ["free"] and customer.tags contains "vip" and invoice.last_decline is not hard',
      ),
    ).toEqual({
      all: [
        {
          all: [
            { fact: 'customer.country', operator: 'in', value: ['DE', 'AT'] },
            { fact: 'customer.plan', operator: 'notIn', value: ['free'] },
            { fact: 'customer.tags', operator: 'contains', value: 'vip' },
            { fact: 'invoice.last_decline', operator: 'notEqual', value: 'hard' },
          ],
        },
      ],
    })
  })

  it('compiles not, or and parentheses', () => {
    expect(guardCondition('not (invoice.disputed or invoice.attempts >= 3)')).toEqual({
      all: [
        {
          not: {
            any: [
              { fact: 'invoice.disputed', operator: 'equal', value: true },
              { fact: 'invoice.attempts', operator: 'greaterThanInclusive', value: 3 },
            ],
          },
        },
      ],
    })
  })

  it("compares money in the currency of the fact's currencyPath, in minor units", () => {
    expect(guardCondition('account.total_unpaid > 49.99 USD | 45 EUR')).toEqual({
      all: [
        {
          any: [
            {
              all: [
                { fact: 'customer.currency', operator: 'equal', value: 'USD' },
                { fact: 'account.total_unpaid', operator: 'greaterThan', value: 4999 },
              ],
            },
            {
              all: [
                { fact: 'customer.currency', operator: 'equal', value: 'EUR' },
                { fact: 'account.total_unpaid', operator: 'greaterThan', value: 4500 },
              ],
            },
          ],
        },
      ],
    })
  })
})

describe('compile: plan', () => {
  it('lists segments, steps, limits and the anchor', () => {
    const plan = compiled(POLICY).plan
    expect(plan.currencies).toEqual(['USD', 'EUR'])
    expect(plan.anchor).toBe('due')
    expect(plan.limits).toEqual({
      quietHours: { start: 1260, end: 510 },
      caps: [
        { scope: 'messages', max: 3, windowDays: 7 },
        { scope: 'calls', max: 2, windowDays: 7 },
      ],
    })
    expect(plan.segments.map((s) => [s.name, s.when])).toEqual([
      ['big', 'customer.arr >= 50000 USD | 45000.50 EUR'],
      ['everyone', null],
    ])
    expect(plan.segments[1]?.steps).toEqual([
      {
        id: 'everyone/retry:default#1',
        segment: 'everyone',
        timing: { anchor: 'due', unit: 'day', offset: 1, at: null },
        action: { type: 'retry_payment', methods: 'default' },
        guard: 'invoice.last_decline is soft',
        line: 17,
      },
      {
        id: 'everyone/retry:default#2',
        segment: 'everyone',
        timing: { anchor: 'due', unit: 'day', offset: 3, at: null },
        action: { type: 'retry_payment', methods: 'default' },
        guard: 'invoice.last_decline is soft',
        line: 17,
      },
      {
        id: 'everyone/final-notice',
        segment: 'everyone',
        timing: { anchor: 'due', unit: 'day', offset: 7, at: null },
        action: { type: 'notify', channels: ['sms', 'email'], template: 'final' },
        guard: null,
        line: 18,
      },
    ])
  })

  it('compiles every kind of action with its defaults', () => {
    const text = `policy "a" {
  currencies USD, EUR
  segment all {
    day 1 task "Review" for "credit-control"
    day 2 escalate to agency "Acme"
    day 3 escalate to collections
    day 4 offer payment plan 3 instalments
    day 5 offer payment plan 4 instalments every 2 weeks
    day 6 offer partial payment min 25%
    day 7 offer partial payment
    day 8 late fee 25 USD | 20.5 EUR
    day 9 late fee 1.5%
    day 10 block changes
    day 11 write off
  }
}`
    const actions = compiled(text).plan.segments[0]?.steps.map((s) => [s.id, s.action])
    expect(actions).toEqual([
      ['all/task:Review#1', { type: 'task', title: 'Review', assignee: 'credit-control' }],
      ['all/escalate:agency#1', { type: 'escalate', to: 'agency', agency: 'Acme' }],
      ['all/escalate:collections#1', { type: 'escalate', to: 'collections' }],
      ['all/offer_plan#1', { type: 'offer_plan', instalments: 3, everyDays: 30 }],
      ['all/offer_plan#2', { type: 'offer_plan', instalments: 4, everyDays: 14 }],
      ['all/offer_partial#1', { type: 'offer_partial_payment', minimumPercent: 25 }],
      ['all/offer_partial#2', { type: 'offer_partial_payment', minimumPercent: 0 }],
      [
        'all/late_fee#1',
        { type: 'late_fee', fee: { kind: 'fixed', amounts: { USD: 2500, EUR: 2050 } } },
      ],
      ['all/late_fee#2', { type: 'late_fee', fee: { kind: 'percent', percent: 1.5 } }],
      ['all/account:block_changes#1', { type: 'account', operation: 'block_changes' }],
      ['all/account:write_off#1', { type: 'account', operation: 'write_off' }],
    ])
  })

  it('is deterministic: the same text gives byte-identical JSON', () => {
    expect(JSON.stringify(compiled(POLICY))).toBe(JSON.stringify(compiled(POLICY)))
  })
})

describe('compile: errors', () => {
  it('returns no policy and the diagnostics when the text has errors', () => {
    const result = compile(
      'policy "x" { currencies USD; segment all { day 1 email "x" when invoice.nope > 1 } }',
    )
    expect(result.compiled).toBeNull()
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true)
  })
})
