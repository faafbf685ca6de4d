import { describe, expect, it } from 'vitest'
import type { DunFile } from '../src/ast.js'
import { check } from '../src/check.js'
import { parse } from '../src/parse.js'
import { validate } from '../src/validate.js'
import { findings, policy } from './checks-support.js'

const steps = (text: string): string => policy({ steps: text })

describe('steps', () => {
  it('warns on the same action at the same time twice in a segment', () => {
    expect(findings(steps('day 1 email "r"\n    day 1 email "r"'))).toEqual([
      { code: 'DUN401', text: '1' },
    ])
    expect(findings(steps('day 1, 1 retry payment'))).toEqual([{ code: 'DUN401', text: '1' }])
    expect(findings(steps('day 1 email "r"\n    day 2 email "r"\n    day 1 email "s"'))).toEqual([])
    const guarded =
      'day 1 retry payment when invoice.attempts < 2\n    day 1 retry payment when invoice.attempts >= 4'
    expect(findings(steps(guarded))).toEqual([])
  })

  it('rejects negative offsets counted from the first failure', () => {
    expect(findings(steps('day -2 from failure email "r"'))).toEqual([
      { code: 'DUN402', text: '-2' },
    ])
    const anchored = policy({ items: 'anchor failure', steps: 'day -2 email "r"' })
    expect(findings(anchored)).toEqual([{ code: 'DUN402', text: '-2' }])
    expect(findings(steps('day -2 email "r"'))).toEqual([])
  })

  it('rejects offsets out of range', () => {
    expect(findings(steps('hour 800 email "r"'))).toEqual([{ code: 'DUN403', text: '800' }])
    expect(findings(steps('day 4000 email "r"'))).toEqual([{ code: 'DUN403', text: '4000' }])
  })

  it('rejects at on an hour step', () => {
    expect(findings(steps('hour 2 at 10:00 email "r"'))).toEqual([
      { code: 'DUN411', text: '10:00' },
    ])
  })

  it('warns on a time inside the policy quiet hours or the statutory ones', () => {
    const quiet = policy({
      items: 'limits { quiet hours 20:00 to 09:00 }',
      steps: 'day 1 at 08:30 email "r"',
    })
    expect(findings(quiet)).toEqual([{ code: 'DUN404', text: '08:30' }])
    expect(findings(steps('day 1 at 22:00 email "r"'))).toEqual([{ code: 'DUN404', text: '22:00' }])
    expect(findings(steps('day 1 at 10:00 email "r"'))).toEqual([])
    expect(findings(steps('day 1 at 24:30 email "r"'))).toEqual([{ code: 'DUN007', text: '24:30' }])
  })

  it('warns on a step whose guard is always false, and on a stop that always holds', () => {
    expect(findings(steps('day 1 email "r" when not true'))).toEqual([
      { code: 'DUN405', text: 'not true' },
    ])
    expect(findings(policy({ items: 'stop when true' }))).toEqual([
      { code: 'DUN405', text: 'true' },
    ])
  })

  it('rejects two steps with the same label in a segment', () => {
    expect(findings(steps('day 1 email "r" as "first"\n    day 2 sms "r" as "first"'))).toEqual([
      { code: 'DUN406', text: '"first"' },
    ])
  })
})

describe('actions', () => {
  // The parser only accepts channel words here (an unknown word is its DUN004), so the
  // check is exercised on a tree as the AST contract allows it: a channel name as written.
  it('suggests a channel for a misspelt one, with a quick fix', () => {
    const source = steps('day 1 sms, email "r"')
    const ast = structuredClone(parse(source).ast) as unknown as { policy: { items: unknown[] } }
    const segment = ast.policy.items.at(-1) as {
      steps: { action: { channels: { text: string }[] } }[]
    }
    segment.steps[0]!.action.channels[1]!.text = 'emial'
    const diagnostics = validate(ast as unknown as DunFile)
    expect(
      diagnostics.map((d) => [
        d.code,
        source.slice(d.range.offset, d.range.offset + d.range.length),
      ]),
    ).toEqual([['DUN407', 'email']])
    expect(diagnostics[0]?.fixes?.[0]?.edits[0]?.text).toBe('email')
  })

  it('offers the closest channel or action word for an unknown word where an action belongs', () => {
    const fixOf = (source: string): string | undefined =>
      check(source).diagnostics.find((d) => d.code === 'DUN004')?.fixes?.[0]?.edits[0]?.text
    expect(fixOf(steps('day 1 emial "r"'))).toBe('email')
    expect(fixOf(steps('day 1 sms, emial "r"'))).toBe('email')
    expect(fixOf(steps('day 1 retyr payment'))).toBe('retry')
    expect(findings(steps('day 1 emial "r"'))).toContainEqual({ code: 'DUN004', text: 'emial' })
  })

  it('rejects empty templates, scripts and task texts', () => {
    expect(findings(steps('day 1 email ""'))).toEqual([{ code: 'DUN408', text: '""' }])
    expect(findings(steps('day 1 call " "'))).toEqual([{ code: 'DUN408', text: '" "' }])
    expect(findings(steps('day 1 task "Review" for ""'))).toEqual([{ code: 'DUN408', text: '""' }])
  })

  it('rejects a plan of fewer than 2 instalments or without time between them', () => {
    expect(findings(steps('day 1 offer payment plan 1 instalments')).map((f) => f.code)).toEqual([
      'DUN409',
    ])
    expect(findings(steps('day 1 offer payment plan 3 instalments every 0 days'))).toEqual([
      { code: 'DUN412', text: '0 days' },
    ])
    expect(findings(steps('day 1 offer payment plan 3 instalments every 2 weeks'))).toEqual([])
  })

  it('rejects percentages outside 0 to 100', () => {
    expect(findings(steps('day 1 offer partial payment min 150%')).map((f) => f.code)).toEqual([
      'DUN410',
    ])
    expect(findings(steps('day 1 late fee 101%'))).toEqual([{ code: 'DUN410', text: '101%' }])
    expect(findings(steps('day 1 late fee 1.5%'))).toEqual([])
  })
})
