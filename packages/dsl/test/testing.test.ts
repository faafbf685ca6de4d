import { describe, expect, it } from 'vitest'
import { runTests } from '../src/testing/run-tests.js'

const POLICY = `policy "t" {
  currencies USD, EUR
  limits {
    quiet hours 21:00 to 08:00
  }
  stop when invoice.balance <= 0
  pause when invoice.disputed or customer.promise_to_pay_until > now
  segment big when invoice.amount_due >= 1000 USD | 900 EUR {
    day 2 call "account-manager"
  }
  segment everyone {
    day -3 email "upcoming"
    day 1 email "reminder" when invoice.last_decline is hard
    day 1, 3 retry payment when invoice.last_decline is soft
    day 5 at 14:30 sms "last-call"
    hour 33 webhook "overdue" as "hook"
  }
}
`

function run(tests: string, filter?: string) {
  const report = runTests(`${POLICY}\n${tests}`, filter === undefined ? {} : { filter })
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return report
}

function only(tests: string) {
  const report = run(tests)
  expect(report.tests).toHaveLength(1)
  return report.tests[0]!
}

describe('runTests', () => {
  it('passes a test whose expectations hold, counting its outcomes', () => {
    const result = only(`test "soft declines are retried" {
  given invoice.last_decline = "soft"
  at day -3 expect email "upcoming"
  at day 1 expect retry payment, no email "reminder"
  at day 2 expect nothing
  at day 3 expect retry payment, segment everyone
}`)
    expect(result).toEqual({
      name: 'soft declines are retried',
      line: 20,
      passed: true,
      expectations: 6,
      failures: [],
    })
  })

  it('reports what was expected and what happened instead', () => {
    const result = only(`test "wrong day" {
  given invoice.last_decline = "hard"
  at day 2 expect email "reminder"
  at day 1 expect no email "reminder"
}`)
    expect(result.passed).toBe(false)
    expect(result.failures).toEqual([
      {
        line: 22,
        column: 19,
        when: 'day 2',
        expected: 'email "reminder"',
        actual: 'nothing (the case was active)',
      },
      {
        line: 23,
        column: 19,
        when: 'day 1',
        expected: 'no email "reminder"',
        actual:
          'email "reminder" [everyone/notify:email:reminder#1], webhook "overdue" [everyone/hook]',
      },
    ])
  })

  it('applies money givens in their currency, with the balance following the amount', () => {
    const result = only(`test "big in EUR" {
  given invoice.amount_due = 950 EUR
  at day 2 expect segment big, call "account-manager"
}`)
    expect(result.failures).toEqual([])
    const under = only(`test "under the USD threshold" {
  given invoice.amount_due = 950 USD
  at day 2 expect segment big
}`)
    expect(under.failures.map((f) => f.actual)).toEqual(['segment everyone'])
  })

  it('reads `day N` givens as instants after the due date: a promise pauses until then', () => {
    const result = only(`test "promise" {
  given customer.promise_to_pay_until = day 4, invoice.last_decline = "soft"
  at day 1 expect paused, no retry payment
  at day 4 expect retry payment
}`)
    expect(result.failures).toEqual([])
  })

  it('counts days from a given due date, `day N` givens included', () => {
    const result = only(`test "moved" {
  given invoice.due_at = day 10, customer.promise_to_pay_until = day 2, invoice.last_decline = "soft"
  at day 1 expect paused, no retry payment
  at day 2 expect retry payment
}`)
    expect(result.failures).toEqual([])
    const absolute = only(`test "absolute" {
  given invoice.due_at = "2026-03-01T00:00:00Z", invoice.last_decline = "hard"
  at day -3 expect email "upcoming"
  at day 1 expect email "reminder"
}`)
    expect(absolute.failures).toEqual([])
  })

  it('reports stopped cases and does nothing for them', () => {
    const result = only(`test "paid" {
  given invoice.balance = 0 USD, invoice.last_decline = "soft"
  at day 1 expect stopped, nothing
}`)
    expect(result.failures).toEqual([])
  })

  it('counts days, `at HH:MM` and hours in the customer time zone', () => {
    const result = only(`test "New York" {
  given customer.timezone = "America/New_York"
  at day 5 at 14:30 expect sms "last-call"
  at day 5 at 13:30 expect nothing
  at hour 33 expect step "hook"
  at hour 32 expect nothing
  at day 1 expect webhook "overdue"
}`)
    expect(result.failures).toEqual([])
  })

  it('fails a test whose given cannot be applied, naming it', () => {
    const result = only(`test "zone" {
  given customer.timezone = "Mars/Olympus_Mons"
  at day 1 expect nothing
}`)
    expect(result.passed).toBe(false)
    expect(result.failures).toHaveLength(1)
    expect(result.failures[0]).toMatchObject({ line: 21, column: 29, when: 'given' })
    expect(result.failures[0]?.actual).toContain('"Mars/Olympus_Mons" is not an IANA time zone')
  })

  it('runs only the tests whose name contains the filter', () => {
    const tests = `test "one" { at day -3 expect email "upcoming" }
test "two" { at day -3 expect nothing }`
    const report = run(tests, 'two')
    expect(report.tests.map((t) => [t.name, t.passed])).toEqual([['two', false]])
    expect([report.passed, report.failed]).toEqual([0, 1])
  })

  it('runs no test when the policy has errors, returning its diagnostics', () => {
    const report = runTests(
      'policy "x" { currencies USD; segment all { day 1 emial "x" } }\ntest "a" { at day 1 expect nothing }',
    )
    expect(report.tests).toEqual([])
    expect(report.diagnostics.some((d) => d.severity === 'error')).toBe(true)
  })
})
