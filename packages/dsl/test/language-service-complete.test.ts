import { describe, expect, it } from 'vitest'
import { complete } from '../src/language-service/complete.js'

/** Completion where `‸` stands in the text. */
function completeAt(marked: string) {
  const offset = marked.indexOf('‸')
  if (offset < 0) throw new Error('mark the cursor with ‸')
  return complete(marked.replace('‸', ''), offset)
}

const labels = (marked: string) => completeAt(marked).map((item) => item.label)

const head = `policy "p" {
  currencies USD, EUR
  stop when invoice.balance <= 0
`

describe('complete', () => {
  it('offers policy items inside the policy block', () => {
    const got = labels(`${head}  ‸`)
    expect(got).toEqual(expect.arrayContaining(['segment', 'limits', 'pause', 'anchor', 'and']))
    expect(got).not.toContain('day')
    // `0` ends the line: a unit or currency would not be written on the next one.
    expect(got).not.toContain('USD')
    expect(got).not.toContain('days')
  })

  it('continues a literal on its own line', () => {
    expect(labels(`${head}  pause when invoice.overdue > 3 ‸`)).toEqual(
      expect.arrayContaining(['days', 'hours']),
    )
    expect(labels(`${head}  pause when invoice.balance > 3 ‸`)).toEqual(
      expect.arrayContaining(['USD', 'EUR']),
    )
  })

  it('offers fact paths after `when`, with their type and documentation', () => {
    const items = completeAt(`${head}  pause when ‸`)
    const balance = items.find((item) => item.label === 'invoice.balance')
    expect(balance).toMatchObject({ kind: 'fact', detail: 'money (in invoice.currency)' })
    expect(balance?.documentation).toContain('Amount still unpaid')
    expect(items.map((i) => i.label)).toContain('not')
  })

  it('offers the children of a path after a dot, replacing the partial word', () => {
    const items = completeAt(`${head}  pause when invoice.la‸`)
    const got = items.map((item) => item.label)
    expect(got).toEqual(expect.arrayContaining(['last_decline', 'last_decline_code', 'balance']))
    expect(got).not.toContain('customer.plan')
    expect(items[0]!.range).toMatchObject({
      offset: head.length + 21,
      length: 2,
      line: 4,
      column: 22,
    })
  })

  it('offers an enum fact’s values after `is`', () => {
    expect(labels(`${head}  pause when invoice.last_decline is ‸`)).toEqual(
      expect.arrayContaining(['hard', 'soft', 'not']),
    )
    expect(labels(`${head}  pause when invoice.status is not ‸`)).toEqual([
      'open',
      'paid',
      'void',
      'uncollectible',
    ])
  })

  it('offers a money snippet in the policy currencies after a money comparison', () => {
    const [money] = completeAt(`${head}  pause when invoice.amount_due > ‸`).filter(
      (item) => item.kind === 'snippet',
    )
    expect(money).toMatchObject({ insertText: '${1:100} USD | ${2:100} EUR', isSnippet: true })
  })

  it('offers step snippets and `anchor` at the start of a segment body', () => {
    const items = completeAt(`${head}  segment everyone {\n    ‸\n  }\n}`)
    const got = items.map((item) => item.label)
    expect(got).toEqual(expect.arrayContaining(['day', 'hour', 'anchor', 'day N retry payment']))
    const email = items.find((item) => item.label === 'day N email "template"')
    expect(email?.insertText.startsWith('day ${1:3} ')).toBe(true)
    expect(got).not.toContain('segment')
  })

  it('offers actions and channels after a step offset', () => {
    const got = labels(`${head}  segment everyone {\n    day 3 ‸`)
    expect(got).toEqual(expect.arrayContaining(['email', 'sms', 'retry', 'call', 'at', 'from']))
  })

  it('offers the file’s segment names after `expect segment`', () => {
    const text = `${head}  segment big when customer.plan == "x" { day 1 retry payment }\n  segment everyone {\n  }\n}\ntest "t" {\n  at day 0 expect segment ‸`
    expect(labels(text)).toEqual(['big', 'everyone'])
  })

  it('offers templates already used after a channel', () => {
    const text = `${head}  segment everyone {\n    day 1 email "update-card"\n    day 2 sms ‸`
    expect(
      completeAt(text)
        .filter((i) => i.kind === 'template')
        .map((i) => i.label),
    ).toEqual(['"update-card"'])
  })

  it('offers cap scopes in limits', () => {
    expect(labels(`${head}  limits {\n    at most 3 ‸`)).toEqual(
      expect.arrayContaining(['messages', 'calls', 'retries', 'email']),
    )
  })

  it('offers `test` after the policy and `policy` in an empty file', () => {
    expect(labels(`${head}}\n‸`)).toEqual(['test'])
    expect(labels('‸')).toEqual(['policy'])
  })

  it('is silent inside comments and strings', () => {
    expect(completeAt(`${head}  # pause when ‸`)).toEqual([])
    expect(completeAt(`${head}  segment s {\n    day 1 email "upd‸ate"`)).toEqual([])
    expect(completeAt(`${head}  segment s {\n    day 1 email "upd‸`)).toEqual([])
  })

  it('reads only what precedes the cursor, whatever follows', () => {
    const got = labels(`${head}  pause when ‸ }}} segment {{ "unterminated\n day day day`)
    expect(got).toContain('invoice.disputed')
  })

  it('completes after a closed segment and inside a one-line block', () => {
    expect(labels(`${head}  segment a { day 1 retry payment }\n  ‸`)).toEqual(
      expect.arrayContaining(['segment', 'stop']),
    )
    expect(labels(`${head}  segment a { day 1 retry payment; day 2 ‸`)).toContain('email')
  })
})
