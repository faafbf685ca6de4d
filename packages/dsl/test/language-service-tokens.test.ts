import { describe, expect, it } from 'vitest'
import { semanticTokens } from '../src/language-service/semantic-tokens.js'

const text = `# reminders
policy "p" {
  currencies USD
  limits { at most 3 messages per 7 days }
  segment payment when customer.plan == "pro" and invoice.last_decline is not hard {
    day 1 at 10:00 email "x" as "first" when invoice.amount_due > 50 USD
  }
}
`

/** `text → type[+modifier]` for every semantic token, in order. */
function described(source: string): string[] {
  return semanticTokens(source).map((token) => {
    const word = source.slice(token.offset, token.offset + token.length)
    return `${word} ${[token.type, ...token.modifiers].join('+')}`
  })
}

describe('semanticTokens', () => {
  it('classifies every token from the lexer and its neighbours', () => {
    expect(described(text)).toEqual([
      '# reminders comment',
      'policy keyword',
      '"p" string',
      'currencies keyword',
      'USD currency',
      'limits keyword',
      'at keyword',
      'most keyword',
      '3 number',
      'messages keyword',
      'per keyword',
      '7 number',
      'days keyword',
      'segment keyword',
      'payment segment+declaration',
      'when keyword',
      'customer fact',
      'plan fact',
      '== operator',
      '"pro" string',
      'and operator',
      'invoice fact',
      'last_decline fact',
      'is operator',
      'not operator',
      'hard value',
      'day keyword',
      '1 number',
      'at keyword',
      '10:00 time',
      'email channel',
      '"x" string',
      'as keyword',
      '"first" label+declaration',
      'when keyword',
      'invoice fact',
      'amount_due fact',
      '> operator',
      '50 number',
      'USD currency',
    ])
  })

  it('gives 1-based lines and columns', () => {
    const [, policy] = semanticTokens(text)
    expect(policy).toMatchObject({ offset: 12, length: 6, line: 2, column: 1 })
  })

  it('still classifies a text the parser rejects', () => {
    expect(described('segment } "open')).toEqual(['segment keyword', '"open string'])
  })
})
