import { describe, expect, it } from 'vitest'
import { diagnosticsOf, findings, policy } from './checks-support.js'

const limits = (text: string): string => policy({ items: `limits {\n    ${text}\n  }` })

describe('limits', () => {
  it('accepts the statutory limits and tighter ones', () => {
    expect(findings(limits('quiet hours 20:00 to 09:00\n at most 3 calls per 7 days'))).toEqual([])
    expect(findings(limits('quiet hours 21:00 to 08:00\n at most 2 messages per 1 week'))).toEqual(
      [],
    )
  })

  it('rejects quiet hours that start when they end', () => {
    expect(findings(limits('quiet hours 21:00 to 21:00'))).toEqual([
      { code: 'DUN501', text: 'quiet hours 21:00 to 21:00' },
    ])
  })

  it('leaves a time out of range to the parser, with nothing on top', () => {
    expect(findings(limits('quiet hours 25:00 to 08:00'))).toEqual([
      { code: 'DUN007', text: '25:00' },
    ])
  })

  it('warns that the statutory quiet hours still apply when the policy is looser', () => {
    const source = limits('quiet hours 22:00 to 07:00')
    expect(findings(source)).toEqual([{ code: 'DUN505', text: 'quiet hours 22:00 to 07:00' }])
    expect(diagnosticsOf(source, 'DUN505')[0]?.message).toContain('21:00 to 08:00')
  })

  it('warns that the statutory call cap still applies when the policy allows more', () => {
    expect(findings(limits('at most 10 calls per 7 days')).map((f) => f.code)).toEqual(['DUN505'])
    // 4 calls per 3 days lets 12 through in 7 days.
    expect(findings(limits('at most 4 calls per 3 days')).map((f) => f.code)).toEqual(['DUN505'])
    expect(findings(limits('at most 7 calls per 14 days'))).toEqual([])
  })

  it('rejects caps of 0, unknown scopes and windows that are not whole days', () => {
    expect(findings(limits('at most 0 sms per 7 days')).map((f) => f.code)).toEqual(['DUN502'])
    const scope = limits('at most 3 mesages per 7 days')
    expect(findings(scope)).toEqual([{ code: 'DUN503', text: 'mesages' }])
    expect(diagnosticsOf(scope, 'DUN503')[0]?.fixes?.[0]?.edits[0]?.text).toBe('messages')
    expect(findings(limits('at most 3 sms per 12 hours'))).toEqual([
      { code: 'DUN504', text: '12 hours' },
    ])
    expect(findings(limits('at most 3 sms per 0 days'))).toEqual([
      { code: 'DUN504', text: '0 days' },
    ])
  })

  it('warns on limits declared twice, across limits blocks too', () => {
    expect(
      findings(limits('at most 3 sms per 7 days\n at most 2 sms per 1 week')).map((f) => f.code),
    ).toEqual(['DUN506'])
    const twice = policy({
      items: 'limits { quiet hours 21:00 to 08:00 }\n limits { quiet hours 20:00 to 08:00 }',
    })
    expect(findings(twice)).toEqual([{ code: 'DUN506', text: 'quiet hours 20:00 to 08:00' }])
  })
})
