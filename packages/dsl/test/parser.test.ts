import { describe, expect, it } from 'vitest'
import type { Expression, PolicyItem, Step } from '../src/ast.js'
import { parse } from '../src/parse.js'
import { DunParser, START_RULE, dunParser } from '../src/parser.js'

/** The node without its ranges (ranges are asserted in to-ast.test.ts). */
function shape(node: unknown): unknown {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (key === 'range' ? undefined : value)),
  )
}

function parseClean(text: string) {
  const result = parse(text)
  expect(result.diagnostics).toEqual([])
  return result.ast
}

function items(body: string): readonly PolicyItem[] {
  return parseClean(`policy "p" {\n${body}\n}`).policy?.items ?? []
}

function steps(body: string): readonly Step[] {
  const [segment] = items(`segment everyone {\n${body}\n}`)
  if (segment?.kind !== 'segment') throw new Error('expected a segment')
  return segment.steps
}

function condition(text: string): Expression {
  const [stop] = items(`stop when ${text}`)
  if (stop?.kind !== 'stop') throw new Error('expected a stop rule')
  return stop.when
}

const path = (text: string) => ({
  kind: 'path',
  text,
  segments: text.split('.').map((part) => ({ kind: 'name', text: part })),
})
const num = (text: string) => ({ kind: 'number', value: Number(text), text })
const str = (value: string) => ({ kind: 'string', value })

describe('policy items', () => {
  it('reads the policy name, currencies and anchor', () => {
    const file = parseClean('policy "saas-default" { currencies USD, EUR; anchor failure }')
    expect(shape(file.policy)).toEqual({
      kind: 'policy',
      name: str('saas-default'),
      items: [
        {
          kind: 'currencies',
          currencies: [
            { kind: 'name', text: 'USD' },
            { kind: 'name', text: 'EUR' },
          ],
        },
        { kind: 'anchor', anchor: 'failure' },
      ],
    })
    expect(file.tests).toEqual([])
  })

  it('reads limits: quiet hours and caps', () => {
    expect(
      shape(
        items(
          'limits {\n quiet hours 21:00 to 08:00\n at most 2 sms per 7 days; at most 4 retries per 30 days }',
        ),
      ),
    ).toEqual([
      {
        kind: 'limits',
        items: [
          {
            kind: 'quietHours',
            start: { kind: 'timeOfDay', hours: 21, minutes: 0, text: '21:00' },
            end: { kind: 'timeOfDay', hours: 8, minutes: 0, text: '08:00' },
          },
          {
            kind: 'cap',
            max: 2,
            scope: { kind: 'name', text: 'sms' },
            window: { kind: 'duration', value: 7, unit: 'day' },
          },
          {
            kind: 'cap',
            max: 4,
            scope: { kind: 'name', text: 'retries' },
            window: { kind: 'duration', value: 30, unit: 'day' },
          },
        ],
      },
    ])
  })

  it('reads stop and pause rules', () => {
    expect(shape(items('stop when invoice.balance <= 0\npause when invoice.disputed'))).toEqual([
      {
        kind: 'stop',
        when: { kind: 'compare', operator: '<=', left: path('invoice.balance'), right: num('0') },
      },
      { kind: 'pause', when: path('invoice.disputed') },
    ])
  })

  it('reads segments: name (a keyword is fine), guard, anchor and steps', () => {
    const [vip, payment] = items(
      'segment vip when customer.plan == "enterprise" { anchor failure; day 1 retry payment }\nsegment payment { }',
    )
    expect(shape(vip)).toMatchObject({
      kind: 'segment',
      name: { kind: 'name', text: 'vip' },
      when: {
        kind: 'compare',
        operator: '==',
        left: path('customer.plan'),
        right: str('enterprise'),
      },
      anchor: { kind: 'anchor', anchor: 'failure' },
      steps: [{ kind: 'step', unit: 'day', action: { kind: 'retry', methods: 'default' } }],
    })
    expect(shape(payment)).toEqual({
      kind: 'segment',
      name: { kind: 'name', text: 'payment' },
      when: null,
      anchor: null,
      steps: [],
    })
  })
})

describe('steps', () => {
  it('reads a step with several offsets as one step', () => {
    const [step] = steps(
      'day 1, 3, -5 at 10:30 from failure retry payment as "retries" when invoice.last_decline is soft',
    )
    expect(shape(step)).toEqual({
      kind: 'step',
      unit: 'day',
      offsets: [
        { kind: 'offset', value: 1 },
        { kind: 'offset', value: 3 },
        { kind: 'offset', value: -5 },
      ],
      at: { kind: 'timeOfDay', hours: 10, minutes: 30, text: '10:30' },
      anchor: 'failure',
      action: { kind: 'retry', methods: 'default' },
      label: str('retries'),
      when: {
        kind: 'is',
        negated: false,
        subject: path('invoice.last_decline'),
        value: { kind: 'name', text: 'soft' },
      },
    })
  })

  it('reads hour steps', () => {
    expect(shape(steps('hour 12 sms "nudge"')[0])).toMatchObject({
      unit: 'hour',
      offsets: [{ value: 12 }],
    })
  })

  it.each([
    [
      'email "reminder"',
      { kind: 'notify', channels: [{ kind: 'name', text: 'email' }], template: str('reminder') },
    ],
    [
      'notify sms, in_app "final"',
      {
        kind: 'notify',
        channels: [
          { kind: 'name', text: 'sms' },
          { kind: 'name', text: 'in_app' },
        ],
        template: str('final'),
      },
    ],
    ['call "account-manager"', { kind: 'call', script: str('account-manager') }],
    ['retry payment using backup methods', { kind: 'retry', methods: 'backup' }],
    [
      'task "Review" for "credit-control"',
      { kind: 'task', title: str('Review'), assignee: str('credit-control') },
    ],
    ['escalate to collections', { kind: 'escalate', to: 'collections', agency: null }],
    ['escalate to agency "Acme"', { kind: 'escalate', to: 'agency', agency: str('Acme') }],
    ['escalate to agency', { kind: 'escalate', to: 'agency', agency: null }],
    [
      'offer payment plan 3 instalments every 2 weeks',
      { kind: 'offerPlan', instalments: 3, every: { kind: 'duration', value: 2, unit: 'week' } },
    ],
    ['offer payment plan 6 instalments', { kind: 'offerPlan', instalments: 6, every: null }],
    ['offer partial payment min 25%', { kind: 'offerPartial', minimumPercent: 25 }],
    ['offer partial payment', { kind: 'offerPartial', minimumPercent: null }],
    [
      'late fee 25 USD | 20.50 EUR',
      {
        kind: 'lateFee',
        fee: {
          kind: 'money',
          amounts: [
            { kind: 'moneyAmount', amount: '25', currency: { kind: 'name', text: 'USD' } },
            { kind: 'moneyAmount', amount: '20.50', currency: { kind: 'name', text: 'EUR' } },
          ],
        },
      },
    ],
    ['late fee 1.5%', { kind: 'lateFee', fee: { kind: 'percent', value: 1.5 } }],
    ['suspend subscription', { kind: 'account', operation: 'suspend_subscription' }],
    ['cancel subscription', { kind: 'account', operation: 'cancel_subscription' }],
    ['block changes', { kind: 'account', operation: 'block_changes' }],
    ['write off', { kind: 'account', operation: 'write_off' }],
  ])('reads the action %s', (text, action) => {
    expect(shape(steps(`day 3 ${text}`)[0]?.action)).toEqual(action)
  })

  it('reads a unit word followed by a number as the next step, not as a duration', () => {
    const [first, second] = steps('day 1 retry payment when invoice.attempts > 1 day 3 email "x"')
    expect(shape(first?.when)).toEqual({
      kind: 'compare',
      operator: '>',
      left: path('invoice.attempts'),
      right: num('1'),
    })
    expect(shape(second)).toMatchObject({
      unit: 'day',
      offsets: [{ value: 3 }],
      action: { kind: 'notify' },
    })
  })

  it('reads a unit word followed by something else as a duration', () => {
    const [first, second] = steps(
      'day 1 sms "a" when dunning.since_last_contact > 2 days\nday 4 email "b"',
    )
    expect(shape(first?.when)).toMatchObject({ right: { kind: 'duration', value: 2, unit: 'day' } })
    expect(second?.offsets.map((o) => o.value)).toEqual([4])
  })
})

describe('expressions', () => {
  it('gives and precedence over or, and not binds tightest', () => {
    expect(shape(condition('a or not b and c'))).toEqual({
      kind: 'or',
      left: path('a'),
      right: { kind: 'and', left: { kind: 'not', operand: path('b') }, right: path('c') },
    })
  })

  it('chains or to the left, and keeps parentheses', () => {
    expect(shape(condition('(a or b) and c or d'))).toEqual({
      kind: 'or',
      left: {
        kind: 'and',
        left: { kind: 'parens', expression: { kind: 'or', left: path('a'), right: path('b') } },
        right: path('c'),
      },
      right: path('d'),
    })
  })

  it.each(['==', '!=', '<', '<=', '>', '>='])('reads the comparison %s', (operator) => {
    expect(shape(condition(`invoice.attempts ${operator} 3`))).toEqual({
      kind: 'compare',
      operator,
      left: path('invoice.attempts'),
      right: num('3'),
    })
  })

  it('reads in, not in, contains, is and is not', () => {
    expect(shape(condition('customer.country not in ["DE", "AT"]'))).toEqual({
      kind: 'in',
      negated: true,
      subject: path('customer.country'),
      list: { kind: 'list', items: [str('DE'), str('AT')] },
    })
    expect(shape(condition('customer.country in []'))).toMatchObject({
      kind: 'in',
      negated: false,
      list: { items: [] },
    })
    expect(shape(condition('customer.tags contains "vip"'))).toEqual({
      kind: 'contains',
      subject: path('customer.tags'),
      item: str('vip'),
    })
    expect(shape(condition('invoice.last_decline is not hard'))).toEqual({
      kind: 'is',
      negated: true,
      subject: path('invoice.last_decline'),
      value: { kind: 'name', text: 'hard' },
    })
  })

  it('reads every kind of operand', () => {
    const list = condition(
      'x in [invoice.amount_due, -2.5, "s", true, false, 50 USD | 45 EUR, 12 hours, 30%, (y)]',
    )
    if (list.kind !== 'in') throw new Error('expected in')
    expect(shape(list.list.items)).toEqual([
      path('invoice.amount_due'),
      num('-2.5'),
      str('s'),
      { kind: 'boolean', value: true },
      { kind: 'boolean', value: false },
      {
        kind: 'money',
        amounts: [
          { kind: 'moneyAmount', amount: '50', currency: { kind: 'name', text: 'USD' } },
          { kind: 'moneyAmount', amount: '45', currency: { kind: 'name', text: 'EUR' } },
        ],
      },
      { kind: 'duration', value: 12, unit: 'hour' },
      { kind: 'percent', value: 30 },
      { kind: 'parens', expression: path('y') },
    ])
  })

  it('reads keywords after a dot as path segments', () => {
    expect(shape(condition('customer.plan.payment == now'))).toMatchObject({
      left: path('customer.plan.payment'),
      right: path('now'),
    })
  })

  it('resolves escapes in strings', () => {
    expect(shape(condition('customer.plan == "a \\"b\\" \\\\ c"'))).toMatchObject({
      right: str('a "b" \\ c'),
    })
  })
})

describe('tests', () => {
  it('reads givens (one node per assignment) and expectations', () => {
    const file = parseClean(`policy "p" { }
test "hard declines" {
  given invoice.last_decline = "hard", invoice.due_at = day -3; given customer.arr = 60000 USD
  at day 0 at 09:00 expect email "update-card", no retry payment
  at hour 5 expect no step "final", step "x", nothing, segment everyone, stopped, paused
}
test "second" { }`)
    expect(file.tests.map((test) => test.name?.value)).toEqual(['hard declines', 'second'])
    const [test] = file.tests
    expect(shape(test?.givens)).toEqual([
      { kind: 'given', path: path('invoice.last_decline'), value: str('hard') },
      { kind: 'given', path: path('invoice.due_at'), value: { kind: 'relativeDay', day: -3 } },
      {
        kind: 'given',
        path: path('customer.arr'),
        value: {
          kind: 'money',
          amounts: [
            { kind: 'moneyAmount', amount: '60000', currency: { kind: 'name', text: 'USD' } },
          ],
        },
      },
    ])
    expect(shape(test?.expectations)).toEqual([
      {
        kind: 'expectation',
        unit: 'day',
        offset: 0,
        at: { kind: 'timeOfDay', hours: 9, minutes: 0, text: '09:00' },
        outcomes: [
          {
            kind: 'expectAction',
            negated: false,
            action: {
              kind: 'notify',
              channels: [{ kind: 'name', text: 'email' }],
              template: str('update-card'),
            },
          },
          { kind: 'expectAction', negated: true, action: { kind: 'retry', methods: 'default' } },
        ],
      },
      {
        kind: 'expectation',
        unit: 'hour',
        offset: 5,
        at: null,
        outcomes: [
          { kind: 'expectStep', negated: true, step: str('final') },
          { kind: 'expectStep', negated: false, step: str('x') },
          { kind: 'expectNothing' },
          { kind: 'expectSegment', segment: { kind: 'name', text: 'everyone' } },
          { kind: 'expectStatus', status: 'stopped' },
          { kind: 'expectStatus', status: 'paused' },
        ],
      },
    ])
  })
})

describe('the shared parser', () => {
  it('has a grammar that passes Chevrotain’s own checks (skipped when the shared one is built)', () => {
    expect(() => new DunParser({ validateGrammar: true })).not.toThrow()
  })

  it('is built once and exposes its start rule for content assist', () => {
    const parser = dunParser()
    expect(dunParser()).toBe(parser)
    const next = parser.computeContentAssist(
      START_RULE,
      parse('policy "p" { segment a { day 3').tokens.slice(),
    )
    const names = new Set(next.map((suggestion) => suggestion.nextTokenType.name))
    expect(names).toContain('Notify')
    expect(names).toContain('Channel')
    expect(names).toContain('Retry')
    expect(names).toContain('Comma')
  })
})
