import { describe, expect, it } from 'vitest'
import { format, formatToEdits } from '../src/format.js'
import { expressionText } from '../src/format/expression.js'
import { parse } from '../src/parse.js'

/** Formats a policy body (the text between the policy's braces). */
function formatPolicy(body: string): string {
  const result = format(`policy "p" {\n${body}\n}\n`)
  expect(result.diagnostics).toEqual([])
  return result.text ?? ''
}

function policy(...lines: string[]): string {
  return `policy "p" {\n${lines.map((line) => (line === '' ? '' : `  ${line}`)).join('\n')}\n}\n`
}

function expectFormatting(before: string, after: string): void {
  const result = format(before)
  expect(result.diagnostics).toEqual([])
  expect(result.text).toBe(after)
  expect(format(after).text).toBe(after)
}

describe('format: policy items', () => {
  const cases: { name: string; before: string; after: string[] }[] = [
    { name: 'currencies', before: 'currencies   USD ,EUR', after: ['currencies USD, EUR'] },
    { name: 'anchor', before: 'anchor    failure', after: ['anchor failure'] },
    {
      name: 'stop and pause rules',
      before: 'stop when invoice.balance<=0 ; pause when invoice.disputed',
      after: ['stop when invoice.balance <= 0', 'pause when invoice.disputed'],
    },
    {
      name: 'limits, with zero-padded times and plural durations',
      before:
        'limits { quiet hours 9:00 to 8:05; at most 3 messages per 7 day\n at most 1 sms per 1 days }',
      after: [
        'limits {',
        '  quiet hours 09:00 to 08:05',
        '  at most 3 messages per 7 days',
        '  at most 1 sms per 1 day',
        '}',
      ],
    },
    { name: 'an empty block', before: 'limits {   }', after: ['limits {}'] },
    {
      name: 'a segment with a guard and an anchor',
      before: 'segment   vip when customer.plan=="vip"{anchor failure\nday 1 retry payment}',
      after: [
        'segment vip when customer.plan == "vip" {',
        '  anchor failure',
        '  day 1 retry payment',
        '}',
      ],
    },
  ]
  for (const { name, before, after } of cases) {
    it(name, () => expectFormatting(`policy "p" {\n${before}\n}\n`, policy(...after)))
  }

  it('separates sections with one blank line and keeps the order', () => {
    expectFormatting(
      'policy "p" { currencies USD\nanchor due\nlimits { at most 3 messages per 7 days }\n' +
        'stop when invoice.balance <= 0\npause when invoice.disputed\nsegment a { day 1 sms "x" }\n' +
        'segment b { day 2 sms "y" } }\ntest "t" { at day 1 expect sms "x" }',
      policy(
        'currencies USD',
        'anchor due',
        '',
        'limits {',
        '  at most 3 messages per 7 days',
        '}',
        '',
        'stop when invoice.balance <= 0',
        'pause when invoice.disputed',
        '',
        'segment a {',
        '  day 1 sms "x"',
        '}',
        '',
        'segment b {',
        '  day 2 sms "y"',
        '}',
      ) + '\ntest "t" {\n  at day 1 expect sms "x"\n}\n',
    )
  })

  it('keeps at most one of the blank lines the author left inside a block', () => {
    expect(
      formatPolicy('segment a {\n\n  day 1 sms "x"\n\n\n\n  day 2 sms "y"\n  day 3 sms "z"\n\n}'),
    ).toBe(policy('segment a {', '  day 1 sms "x"', '', '  day 2 sms "y"', '  day 3 sms "z"', '}'))
  })

  it('removes indentation, tabs and trailing spaces the author left', () => {
    expect(format('\t\tpolicy "p" {   \n\tcurrencies USD   \n}').text).toBe(
      policy('currencies USD'),
    )
  })
})

describe('format: steps', () => {
  const step = (before: string, after: string) => () =>
    expect(formatPolicy(`segment s {\n${before}\n}`)).toBe(policy('segment s {', `  ${after}`, '}'))
  it('offsets', step('day 1 ,3,  5 retry payment', 'day 1, 3, 5 retry payment'))
  it('negative offsets and hours', step('hour  -3 email "x"', 'hour -3 email "x"'))
  it(
    'a time and an anchor',
    step('day 2 at 9:30 from failure sms "x"', 'day 2 at 09:30 from failure sms "x"'),
  )
  it('drops the notify prefix', step('day 7 notify sms ,email "final"', 'day 7 sms, email "final"'))
  it(
    'a label and a guard',
    step(
      'day 7 sms "f" as "final"  when invoice.attempts>3',
      'day 7 sms "f" as "final" when invoice.attempts > 3',
    ),
  )
  it('call', step('day 10 call   "account-manager"', 'day 10 call "account-manager"'))
  it(
    'retry with backup methods',
    step('day 5 retry  payment using backup methods', 'day 5 retry payment using backup methods'),
  )
  it(
    'task',
    step(
      'day 15 task "Review" for   "credit-control"',
      'day 15 task "Review" for "credit-control"',
    ),
  )
  it(
    'escalate to collections',
    step('day 30 escalate to collections', 'day 30 escalate to collections'),
  )
  it(
    'escalate to an agency',
    step('day 30 escalate to agency "Acme"', 'day 30 escalate to agency "Acme"'),
  )
  it(
    'offer a payment plan',
    step(
      'day 9 offer payment plan 3 instalments every 30 day',
      'day 9 offer payment plan 3 instalments every 30 days',
    ),
  )
  it(
    'offer a partial payment',
    step('day 9 offer partial payment min 25%', 'day 9 offer partial payment min 25%'),
  )
  it(
    'a late fee in money',
    step('day 9 late fee 25.5 USD|20 EUR', 'day 9 late fee 25.50 USD | 20 EUR'),
  )
  it('a late fee in percent', step('day 9 late fee 1.50%', 'day 9 late fee 1.5%'))
  it('account actions', () =>
    expect(
      formatPolicy(
        'segment s { day 14 suspend subscription; day 21 cancel subscription\nday 22 block changes; day 23 write off }',
      ),
    ).toBe(
      policy(
        'segment s {',
        '  day 14 suspend subscription',
        '  day 21 cancel subscription',
        '  day 22 block changes',
        '  day 23 write off',
        '}',
      ),
    ))
  it(
    'strings with escapes',
    step('day 1 email "say \\"hi\\" \\\\ bye"', 'day 1 email "say \\"hi\\" \\\\ bye"'),
  )
})

describe('format: expressions', () => {
  const guard = (before: string, after: string) => () =>
    expect(formatPolicy(`stop when ${before}`)).toBe(policy(`stop when ${after}`))
  it(
    'comparisons and money',
    guard('invoice.amount_due>=05000 USD|4500.00 EUR', 'invoice.amount_due >= 5000 USD | 4500 EUR'),
  )
  it('numbers', guard('invoice.attempts > 3.50', 'invoice.attempts > 3.5'))
  it(
    'not, in and not in',
    guard(
      'not customer.country in ["DE","AT"] and customer.plan not in [ "a" ]',
      'not customer.country in ["DE", "AT"] and customer.plan not in ["a"]',
    ),
  )
  it(
    'contains and is',
    guard(
      'customer.tags contains "vip" or invoice.last_decline is not hard',
      'customer.tags contains "vip" or invoice.last_decline is not hard',
    ),
  )
  it(
    'parentheses, booleans and durations',
    guard(
      '( invoice.disputed == true or dunning.days_since_trigger > 3 days )',
      '(invoice.disputed == true or dunning.days_since_trigger > 3 days)',
    ),
  )
  it('percent', guard('invoice.attempts > 5%', 'invoice.attempts > 5%'))

  it('breaks a long guard at each `and`, indented under its step', () => {
    const long =
      'day 30 escalate to collections when invoice.amount_due > 5000 USD | 4500 EUR and not invoice.disputed and customer.plan == "enterprise"'
    expect(formatPolicy(`segment s { ${long} }`)).toBe(
      policy(
        'segment s {',
        '  day 30 escalate to collections when invoice.amount_due > 5000 USD | 4500 EUR',
        '    and not invoice.disputed',
        '    and customer.plan == "enterprise"',
        '}',
      ),
    )
  })

  it('breaks an `or` of `and`s at the `or`s first, keeping the `and`s flat when they fit', () => {
    const long =
      'customer.arr >= 50000 USD | 45000 EUR and customer.plan == "enterprise" or customer.tags contains "strategic-account" and not invoice.disputed'
    expect(formatPolicy(`segment enterprise when ${long} { day 1 sms "x" }`)).toBe(
      policy(
        'segment enterprise when customer.arr >= 50000 USD | 45000 EUR and customer.plan == "enterprise"',
        '  or customer.tags contains "strategic-account" and not invoice.disputed {',
        '  day 1 sms "x"',
        '}',
      ),
    )
  })

  it('gives the `and` lines inside an `or` one more level than the `or` lines', () => {
    const a =
      'customer.arr >= 50000 USD | 45000 EUR and customer.plan == "enterprise-plus-with-support"'
    const b =
      'customer.tags contains "strategic-account-with-long-name" and customer.country in ["DE", "AT", "CH"]'
    expect(formatPolicy(`pause when ${a} or ${b}`)).toBe(
      policy(
        'pause when customer.arr >= 50000 USD | 45000 EUR',
        '    and customer.plan == "enterprise-plus-with-support"',
        '  or customer.tags contains "strategic-account-with-long-name"',
        '    and customer.country in ["DE", "AT", "CH"]',
      ),
    )
  })
})

describe('format: tests', () => {
  it('keeps givens written on one line together, and givens and expectations in source order', () => {
    expectFormatting(
      'policy "p" { segment s { day 1 sms "x" } }\n\n\ntest   "t"{given invoice.last_decline="hard" , customer.plan = "pro"\n' +
        'at day 1 at 9:00 expect sms "x",no retry payment , no step "x"\ngiven invoice.due_at = day -3,\n' +
        'customer.plan = "a"\nat hour 2 expect nothing, segment s, stopped, paused}',
      policy('segment s {', '  day 1 sms "x"', '}') +
        '\ntest "t" {\n' +
        '  given invoice.last_decline = "hard", customer.plan = "pro"\n' +
        '  at day 1 at 09:00 expect sms "x", no retry payment, no step "x"\n' +
        '  given invoice.due_at = day -3\n' +
        '  given customer.plan = "a"\n' +
        '  at hour 2 expect nothing, segment s, stopped, paused\n' +
        '}\n',
    )
  })

  it('breaks a long expectation after `expect`, one outcome per line', () => {
    const outcomes =
      'segment strategic, task "Check in with the finance team" for "account-manager-on-duty"'
    expect(format(`policy "p" {}\ntest "t" { at day 3 expect ${outcomes} }`).text).toBe(
      'policy "p" {}\n\ntest "t" {\n  at day 3 expect\n    segment strategic,\n' +
        '    task "Check in with the finance team" for "account-manager-on-duty"\n}\n',
    )
  })
})

describe('format: comments', () => {
  it('keeps comments before the policy, before a segment, after steps and at the end of the file', () => {
    const text = [
      '# file header',
      'policy "p" { # after the policy brace',
      '  # about the limits',
      '  limits {',
      '    at most 3 messages per 7 days # a trailing comment',
      '    # last in limits',
      '  }',
      '',
      '  # before a segment',
      '',
      '  # right above it',
      '  segment a { # after the segment brace',
      '    day 1 sms "x"     # after a step',
      '    day 2 sms "y"',
      '    # at the end of the segment',
      '  } # after the closing brace',
      '  segment empty {',
      '    # inside an empty block',
      '  }',
      '}',
      '# at the end of the file',
      '',
    ].join('\n')
    const expected = [
      '# file header',
      'policy "p" { # after the policy brace',
      '  # about the limits',
      '  limits {',
      '    at most 3 messages per 7 days # a trailing comment',
      '    # last in limits',
      '  }',
      '',
      '  # before a segment',
      '',
      '  # right above it',
      '  segment a { # after the segment brace',
      '    day 1 sms "x" # after a step',
      '    day 2 sms "y"',
      '    # at the end of the segment',
      '  } # after the closing brace',
      '',
      '  segment empty {',
      '    # inside an empty block',
      '  }',
      '}',
      '# at the end of the file',
      '',
    ].join('\n')
    expectFormatting(text, expected)
  })

  it('moves a comment written inside a multi-line statement above it', () => {
    expect(
      formatPolicy('stop when invoice.balance <= 0 # paid\n  or invoice.disputed # disputed'),
    ).toBe(policy('# paid', 'stop when invoice.balance <= 0 or invoice.disputed # disputed'))
  })

  it('keeps a comment inside a test block and after the last test', () => {
    expectFormatting(
      'policy "p" {}\ntest "t" {\n  # why\n  at day 1 expect nothing\n}\n# done\n',
      'policy "p" {}\n\ntest "t" {\n  # why\n  at day 1 expect nothing\n}\n# done\n',
    )
  })

  it('keeps a file of only a policy with comments idempotent', () => {
    const once = format('policy "p" {\n#a\n\n\n#b\n}\n').text ?? ''
    expect(once).toBe('policy "p" {\n  #a\n\n  #b\n}\n')
    expect(format(once).text).toBe(once)
  })
})

describe('format: broken files', () => {
  it('returns no text and the syntax errors for a file that does not parse', () => {
    const result = format('policy "p" { segment { day x } }')
    expect(result.text).toBeNull()
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true)
  })
})

describe('formatToEdits', () => {
  it('returns no edits for a formatted file', () => {
    expect(formatToEdits(policy('currencies USD')).edits).toEqual([])
  })

  it('returns small edits with ranges in the original text', () => {
    const text = 'policy "p" {\n  currencies USD\n    anchor due\n}\n'
    const { edits } = formatToEdits(text)
    expect(edits).toEqual([
      {
        range: { offset: 32, length: 2, line: 3, column: 3, endLine: 3, endColumn: 5 },
        text: '',
      },
    ])
  })

  it('returns no edits and the diagnostics for a broken file', () => {
    const result = formatToEdits('policy "p" {')
    expect(result.edits).toEqual([])
    expect(result.diagnostics.length).toBeGreaterThan(0)
  })
})

describe('expressionText', () => {
  it('prints a guard on one line in canonical form, however long', () => {
    const guard =
      'invoice.amount_due>=049.9 USD and\n customer.plan == "a-very-long-plan-name-that-goes-on-and-on" or not invoice.disputed and customer.tags contains "x"'
    const file = parse(`policy "p" { stop when ${guard} }`).ast
    const stop = file.policy?.items[0]
    expect(stop?.kind).toBe('stop')
    if (stop?.kind !== 'stop') return
    expect(expressionText(stop.when)).toBe(
      'invoice.amount_due >= 49.90 USD and customer.plan == "a-very-long-plan-name-that-goes-on-and-on" or not invoice.disputed and customer.tags contains "x"',
    )
  })
})
