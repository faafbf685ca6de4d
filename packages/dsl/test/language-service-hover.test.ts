import { describe, expect, it } from 'vitest'
import { codeActions } from '../src/language-service/code-actions.js'
import { hover } from '../src/language-service/hover.js'
import { outline } from '../src/language-service/outline.js'

const policy = `policy "p" {
  currencies USD, EUR
  stop when invoice.balance <= 0
  segment enterprise when customer.plan == "enterprise" {
    day 1 retry payment
    day 3, 5 email "reminder"
    day 10 call "account-manager" as "manager-call"
  }
  segment everyone {
    day 1 retry payment
  }
}

test "enterprise" {
  given customer.plan = "enterprise"
  at day 0 expect segment enterprise
}
`

/** Hover on the `n`-th occurrence (0-based) of `word` in the policy, one character in. */
function hoverOn(word: string, n = 0, text = policy) {
  let offset = -1
  for (let i = 0; i <= n; i++) offset = text.indexOf(word, offset + 1)
  if (offset < 0) throw new Error(`no ${word} in the text`)
  return hover(text, offset + 1)
}

describe('hover', () => {
  it('documents a fact with its type and currency', () => {
    const result = hoverOn('balance')
    expect(result?.contents).toContain('**invoice.balance**: money (in invoice.currency)')
    expect(result?.contents).toContain('Amount still unpaid')
    expect(result?.range).toMatchObject({ line: 3, column: 21, length: 7 })
  })

  it('lists the facts of a root', () => {
    expect(hoverOn('customer.plan')?.contents).toContain('- `customer.arr`')
  })

  it('says what a derived fact is computed from', () => {
    const text = policy.replace('invoice.balance <= 0', 'invoice.overdue > 90 days')
    expect(hoverOn('overdue', 0, text)?.contents).toContain('Computed from invoice.due_at and now')
  })

  it('shows a segment’s condition and place, where declared and where expected', () => {
    const declared = hoverOn('enterprise ')?.contents
    expect(declared).toContain('segment 1 of 2')
    expect(declared).toContain('`customer.plan == "enterprise"`')
    expect(hoverOn('segment enterprise', 1)?.contents).toContain('The case is in this segment')
    const expected = hover(policy, policy.lastIndexOf('enterprise') + 2)
    expect(expected?.contents).toBe(declared)
    expect(hoverOn('everyone ')?.contents).toContain('catch-all')
  })

  it('shows the step ids a step compiles to', () => {
    expect(hoverOn('day 3')?.contents).toContain(
      'Step ids: `enterprise/notify:email:reminder#1`, `enterprise/notify:email:reminder#2`',
    )
    expect(hoverOn('day 1 retry', 1)?.contents).toContain('`everyone/retry:default#1`')
    expect(hoverOn('day 10')?.contents).toContain('`enterprise/manager-call`')
  })

  it('documents keywords by the construct they belong to', () => {
    expect(hoverOn('stop')?.contents).toContain('Ends dunning')
    expect(hoverOn('retry')?.contents).toContain('Retries the payment')
    expect(hoverOn('email')?.contents).toContain('**email**: The email channel.')
    expect(hoverOn('currencies')?.contents).toContain('```dun\ncurrencies USD, EUR\n```')
  })

  it('has nothing to say on punctuation, strings and blanks', () => {
    expect(hoverOn('{')).toBeNull()
    expect(hoverOn('"reminder"')).toBeNull()
    expect(hover(policy, policy.indexOf('  stop'))).toBeNull()
  })
})

describe('outline', () => {
  it('lists segments with their steps and ids, then tests', () => {
    const items = outline(policy)
    expect(items.map((i) => [i.kind, i.name, i.detail])).toEqual([
      ['segment', 'enterprise', 'when customer.plan == "enterprise"'],
      ['segment', 'everyone', 'everyone else'],
      ['test', 'enterprise', ''],
    ])
    expect(items[0]!.children.map((s) => [s.name, s.detail])).toEqual([
      ['day 1 retry payment', 'enterprise/retry:default#1'],
      [
        'day 3, 5 email "reminder"',
        'enterprise/notify:email:reminder#1, enterprise/notify:email:reminder#2',
      ],
      ['day 10 call "account-manager"', 'enterprise/manager-call'],
    ])
    expect(items[0]!.selectionRange).toMatchObject({ line: 4, column: 11, length: 10 })
  })

  it('folds a condition or action written over several lines onto one', () => {
    const text = policy
      .replace('customer.plan == "enterprise"', 'customer.plan  ==\n      "enterprise"')
      .replace('email "reminder"', 'email,\tsms "reminder"')
    const [enterprise] = outline(text)
    expect(enterprise!.detail).toBe('when customer.plan == "enterprise"')
    expect(enterprise!.children[1]!.name).toBe('day 3, 5 email, sms "reminder"')
  })
})

describe('codeActions', () => {
  it('offers the did-you-mean replacement of a mistyped fact at the cursor', () => {
    const text = policy.replace('invoice.balance', 'invoice.balanse')
    const at = text.indexOf('balanse')
    const range = { offset: at, length: 0, line: 3, column: 21, endLine: 3, endColumn: 21 }
    const [action] = codeActions(text, range)
    expect(action?.edits).toEqual([
      { range: expect.objectContaining({ offset: at - 8 }), text: 'invoice.balance' },
    ])
    expect(action?.diagnostic.code).toBe('DUN101')
    expect(codeActions(text, { ...range, offset: 0, column: 1, line: 1 })).toEqual([])
  })
})
