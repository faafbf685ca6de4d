import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../src/diagnostic.js'
import { parse } from '../src/parse.js'
import { SYNTAX_CODES } from '../src/syntax-errors.js'

function errors(text: string): { code: string; message: string; line: number; column: number }[] {
  return parse(text).diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    line: d.range.line,
    column: d.range.column,
  }))
}

function expectInside(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const { range } of diagnostics) {
    expect(range.offset).toBeGreaterThanOrEqual(0)
    expect(range.length).toBeGreaterThanOrEqual(0)
    expect(range.offset + range.length).toBeLessThanOrEqual(text.length)
    expect(range.line).toBeGreaterThanOrEqual(1)
    expect(range.column).toBeGreaterThanOrEqual(1)
    expect(range.endLine).toBeGreaterThanOrEqual(range.line)
  }
}

const inSegment = (body: string) => `policy "p" {\n  segment everyone {\n    ${body}\n  }\n}`

describe('syntax errors', () => {
  it('names an unexpected character', () => {
    expect(errors('policy "p" { currencies USD€ }')).toEqual([
      { code: 'DUN001', message: "unexpected character '€'", line: 1, column: 28 },
    ])
  })

  it('names an unterminated text', () => {
    expect(errors(inSegment('day 3 email "remind'))[0]).toMatchObject({
      code: 'DUN002',
      line: 3,
      column: 17,
    })
  })

  it('asks for a channel after notify', () => {
    expect(errors(inSegment('day 3 notify "x"'))).toEqual([
      {
        code: 'DUN003',
        message: "expected a channel such as email or sms after 'notify', found '\"x\"'",
        line: 3,
        column: 18,
      },
    ])
  })

  it('asks for a day offset after day', () => {
    expect(errors(inSegment('day email "x"'))[0]).toMatchObject({
      code: 'DUN003',
      message: "expected a day offset such as 3 or -2 after 'day', found 'email'",
    })
    expect(errors(inSegment('hour sms "x"'))[0]?.message).toMatch(/^expected an hour offset/)
  })

  it('names an unknown word where an action belongs', () => {
    const [error] = parse(inSegment('day 3 emial "x"')).diagnostics
    expect(error).toMatchObject({ code: 'DUN004', range: { line: 3, column: 11, length: 5 } })
    expect(error?.message).toMatch(/^unknown word 'emial': a step needs an action such as email/)
    expect(error?.hint).toMatch(/^did you mean 'email'\? e\.g\. email "reminder"/)
    expect(error?.fixes?.[0]?.edits).toEqual([{ range: error?.range, text: 'email' }])
  })

  it('offers no suggestion for a word that resembles no action', () => {
    const [error] = parse(inSegment('day 3 banana "x"')).diagnostics
    expect(error?.code).toBe('DUN004')
    expect(error?.hint).toMatch(/^e\.g\. /)
    expect(error?.fixes).toBeUndefined()
  })

  it('says a segment needs a name', () => {
    expect(errors('policy "p" { segment { } }')[0]).toMatchObject({
      code: 'DUN003',
      message: "'segment' needs a name, e.g. segment enterprise { … }",
    })
  })

  it('names the block a missing } belongs to', () => {
    const text =
      'policy "p" {\n  segment a {\n    day 1 sms "x"\n  segment b {\n    day 2 sms "y"\n  }\n}'
    expect(errors(text)).toEqual([
      {
        code: 'DUN003',
        message: "missing '}' to close segment 'a' opened on line 2",
        line: 4,
        column: 3,
      },
    ])
    // and the second segment is still read
    expect(
      parse(text).ast.policy?.items.map((i) => (i.kind === 'segment' ? i.name.text : i.kind)),
    ).toEqual(['a', 'b'])
    expect(errors('policy "saas" {\n  stop when a')[0]?.message).toBe(
      `missing '}' to close policy "saas" opened on line 1`,
    )
  })

  it('names a stray word inside a block', () => {
    expect(errors(inSegment('day 1 sms "x"\n    whatever'))[0]?.message).toBe(
      "'whatever' does not belong in segment 'everyone' opened on line 2, which holds steps such as day 3 email \"reminder\"; or a '}' is missing",
    )
  })

  it('reports text after the last block', () => {
    expect(errors('policy "p" { }\n}')).toEqual([
      {
        code: 'DUN005',
        message: "unexpected '}' after the end of the file's last block",
        line: 2,
        column: 1,
      },
    ])
  })

  it('asks for a condition where one starts, and for a value after a comparison', () => {
    for (const [condition, after] of [
      ['', 'when'],
      ['a and', 'and'],
      ['a or', 'or'],
      ['not', 'not'],
      ['(', '('],
    ]) {
      expect(errors(`policy "p" { stop when ${condition} }`)[0]?.message).toBe(
        `expected a condition such as invoice.balance > 0 after '${after}', found '}'`,
      )
    }
    expect(errors('policy "p" { stop when a == }')[0]?.message).toMatch(/^expected a value such as/)
  })

  it('points at the last token when the text ends early', () => {
    const text = 'policy "p" { stop when invoice.balance <='
    const diagnostics = parse(text).diagnostics
    expect(diagnostics[0]?.message).toBe(
      'expected a value such as invoice.balance, 3, "text", 50 USD, 7 days or [1, 2] after \'<=\', but the text ends there',
    )
    expect(diagnostics[0]?.range).toMatchObject({ offset: text.length - 2, length: 2 })
    expectInside(text, diagnostics)
  })

  it('recovers: several mistakes give several diagnostics and a partial tree', () => {
    const text = `policy "p" {
  currencies USD
  stop invoice.balance <= 0
  segment vip when customer.plan == "enterprise" {
    day 3 emial "x"
    day 5 call "account-manager"
  }
  segment everyone {
    day 1 retry payment
    day notify "y"
    day 9 suspend subscription
  }
}`
    const { ast, diagnostics } = parse(text)
    expect(diagnostics.map((d) => [d.code, d.range.line])).toEqual([
      ['DUN004', 3],
      ['DUN004', 5],
      ['DUN003', 10],
    ])
    const summary = ast.policy?.items.map((item) =>
      item.kind === 'segment' ? [item.name.text, item.steps.map((s) => s.action.kind)] : item.kind,
    )
    expect(summary).toEqual([
      'currencies',
      'stop',
      ['vip', ['call']],
      ['everyone', ['retry', 'account']],
    ])
  })

  it('gives every diagnostic a documented code and a hint', () => {
    const text = 'policy "p" {\n stop @ when\n segment { day x }\n limits { quiet hours 9 to }\n} }'
    const diagnostics = parse(text).diagnostics
    expect(diagnostics.length).toBeGreaterThanOrEqual(3)
    for (const diagnostic of diagnostics) {
      expect(Object.keys(SYNTAX_CODES)).toContain(diagnostic.code)
      expect(diagnostic.hint).toBeTruthy()
    }
  })
})

const VALID = `# policy
policy "saas-default" {
  currencies USD, EUR
  limits { quiet hours 21:00 to 08:00; at most 3 messages per 7 days }
  stop when invoice.balance <= 0
  pause when invoice.disputed or customer.promise_to_pay_until > now
  segment enterprise when customer.arr >= 50000 USD | 45000 EUR {
    day -3 email "upcoming-charge"
    day 1, 3 retry payment when invoice.last_decline is soft and not (customer.country in ["DE"])
    day 30 escalate to agency "Acme" when invoice.amount_due > 5000 USD
  }
  segment everyone { day 7 sms, email "final" as "final"; day 14 late fee 1.5% }
}
test "t" { given invoice.last_decline = "hard", invoice.due_at = day -2; at day 0 expect email "x", no step "final" }
`

describe('parse never throws', () => {
  it('on arbitrary strings, with every range inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expectInside(text, parse(text).diagnostics)
      }),
      { numRuns: 300 },
    )
  })

  it('on strings made of the language’s own words', () => {
    const word = fc.constantFrom(
      ...'policy "p" { } segment a when day hour 3 -2 , email sms notify retry payment at 10:00 from due as "x" stop pause and or not in [ ] ( ) == > 5 USD | days is hard test given = expect no step nothing late fee 2% ; . # \n'.split(
        ' ',
      ),
    )
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), (words) => {
        const text = words.join(' ')
        expectInside(text, parse(text).diagnostics)
      }),
      { numRuns: 500 },
    )
  })

  it('on random cuts and edits of a valid policy', () => {
    expect(parse(VALID).diagnostics).toEqual([])
    const edit = fc.record({
      start: fc.nat(VALID.length),
      deleted: fc.nat(20),
      inserted: fc.string({ maxLength: 8 }),
    })
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = VALID
        for (const { start, deleted, inserted } of edits) {
          const at = Math.min(start, text.length)
          text = text.slice(0, at) + inserted + text.slice(at + deleted)
        }
        const { ast, diagnostics } = parse(text)
        expect(ast.kind).toBe('file')
        expectInside(text, diagnostics)
      }),
      { numRuns: 500 },
    )
  })
})
