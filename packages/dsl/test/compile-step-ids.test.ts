import { describe, expect, it } from 'vitest'
import { compile } from '../src/compile.js'
import { format } from '../src/format.js'

const BASE = `policy "ids" {
  currencies USD
  segment everyone {
    day 0 email "update-card" when invoice.last_decline is hard
    day 1, 3 retry payment
    day 5 email "reminder"
    day 7 sms, email "final-notice"
    day 9 email "reminder"
  }
}
`

function stepIds(text: string): string[] {
  const { compiled, diagnostics } = compile(text)
  if (!compiled) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'))
  return compiled.plan.segments.flatMap((s) => s.steps.map((step) => step.id))
}

const ORIGINAL = [
  'everyone/notify:email:update-card#1',
  'everyone/retry:default#1',
  'everyone/retry:default#2',
  'everyone/notify:email:reminder#1',
  'everyone/notify:email+sms:final-notice#1',
  'everyone/notify:email:reminder#2',
]

describe('step ids', () => {
  it('name the segment, the action key and the ordinal among equals', () => {
    expect(stepIds(BASE)).toEqual(ORIGINAL)
  })

  it('survive moving a step to another day', () => {
    expect(
      stepIds(BASE.replace('day 5 email', 'day 6 email').replace('day 7 sms', 'day 2 sms')),
    ).toEqual(ORIGINAL)
  })

  it('survive comment edits', () => {
    const commented = BASE.replace(
      '  segment everyone {',
      '  # the default path\n  segment everyone { # all\n',
    )
    expect(stepIds(commented)).toEqual(ORIGINAL)
  })

  it('survive reformatting, even onto one line', () => {
    const squashed = BASE.replace(/\n\s*/g, ' ').replace(/([^{]) (day|segment) /g, '$1; $2 ')
    expect(squashed).not.toContain('\n')
    expect(stepIds(squashed)).toEqual(ORIGINAL)
    const formatted = format(squashed).text
    expect(formatted).not.toBeNull()
    expect(stepIds(formatted ?? '')).toEqual(ORIGINAL)
  })

  it('do not depend on the order channels are written in', () => {
    expect(stepIds(BASE.replace('sms, email', 'email, sms'))).toEqual(ORIGINAL)
  })

  it('change when the template changes', () => {
    const ids = stepIds(BASE.replace('"final-notice"', '"last-chance"'))
    expect(ids[4]).toBe('everyone/notify:email+sms:last-chance#1')
  })

  it('are the label when a step has one, without renumbering its twins', () => {
    const labelled = BASE.replace(
      'day 5 email "reminder"',
      'day 5 email "reminder" as "first-reminder"',
    )
    expect(stepIds(labelled)).toEqual([
      ...ORIGINAL.slice(0, 3),
      'everyone/first-reminder',
      ...ORIGINAL.slice(4),
    ])
  })

  it('number a labelled step with several days by its offsets', () => {
    const labelled = BASE.replace('day 1, 3 retry payment', 'day 1, 3 retry payment as "retries"')
    expect(stepIds(labelled).slice(1, 3)).toEqual(['everyone/retries#1', 'everyone/retries#2'])
  })
})
