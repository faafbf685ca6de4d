import { describe, expect, it } from 'vitest'
import { addStep, moveSegment, removeStep } from '../src/edit/index.js'
import { parse } from '../src/parse.js'
import { applyEdits, edited, source } from './edit-support.js'

const comments = (text: string) => parse(text).ast.comments.map((c) => c.text)

describe('addStep', () => {
  it('adds a step after the steps of earlier days and names its id', () => {
    const result = addStep(source, 'big', {
      day: 2,
      action: { kind: 'notify', channels: ['sms'], template: 'nudge' },
    })
    expect(edited(result)).toBe(
      source.replace('retry payment\n', 'retry payment\n    day 2 sms "nudge"\n'),
    )
    expect(result.kind === 'edited' && result.stepId).toBe('big/notify:sms:nudge#1')
    expect(applyEdits(source, result)).toBe(edited(result))
  })

  it('adds a first step above the comments of the step that was first', () => {
    const text = edited(
      addStep(source, 'big', { day: -3, action: { kind: 'call', script: 'cfo' } }),
    )
    expect(text).toContain(
      '{\n    day -3 call "cfo"\n    # a friendly note before anything else\n    day 0 email',
    )
  })

  it('adds a step to an empty segment, after a comment beside its brace', () => {
    const empty = source.replace(
      '  segment everyone {\n    day 2 sms, email "reminder" # short\n    day 14 suspend subscription\n',
      '  segment everyone { # nothing yet\n',
    )
    const text = edited(
      addStep(empty, 'everyone', { day: 30, action: { kind: 'account', operation: 'write_off' } }),
    )
    expect(text).toContain('  segment everyone { # nothing yet\n    day 30 write off\n  }')
  })

  it('adds each kind of action the timeline offers', () => {
    const text = edited(
      addStep(source, 'everyone', { day: 20, action: { kind: 'retry', methods: 'backup' } }),
    )
    expect(text).toContain(
      '    day 14 suspend subscription\n    day 20 retry payment using backup methods\n  }',
    )
  })

  it('refuses an unknown segment, channel or empty template', () => {
    const notify = { kind: 'notify', channels: ['email'], template: 'x' } as const
    expect(addStep(source, 'nobody', { day: 1, action: notify })).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('"nobody"'),
    })
    expect(addStep(source, 'big', { day: 1, action: { ...notify, channels: ['fax'] } }).kind).toBe(
      'refused',
    )
    expect(addStep(source, 'big', { day: 1, action: { ...notify, template: '' } }).kind).toBe(
      'refused',
    )
  })
})

describe('removeStep', () => {
  it('removes a step and keeps the comments written with it', () => {
    const text = edited(removeStep(source, 'big/notify:email:heads-up#1'))
    expect(text).not.toContain('heads-up')
    expect(comments(text)).toEqual(comments(source))
  })

  it('removes one day of a step written with several, keeping the others', () => {
    const result = removeStep(source, 'big/retry:default#2')
    expect(edited(result)).toBe(source.replace('day 1, 3, 5 retry', 'day 1, 5 retry'))
    expect(result.kind === 'edited' && result.stepId).toBeNull()
  })

  it('removes a step that shares its line with another, and its `;`', () => {
    const oneLine = source.replace(
      '    day 2 sms, email "reminder" # short\n    day 14 suspend subscription\n',
      '    day 2 sms, email "reminder"; day 14 suspend subscription # short\n',
    )
    const text = edited(removeStep(oneLine, 'everyone/notify:email+sms:reminder#1'))
    expect(text).toContain('  segment everyone {\n    day 14 suspend subscription # short\n  }')
  })

  it('refuses an unknown step', () => {
    expect(removeStep(source, 'big/call:nobody#1').kind).toBe('refused')
  })
})

describe('moveSegment', () => {
  it('moves a segment with the comments above it, leaving other items in place', () => {
    const text = edited(moveSegment(source, 'everyone', 0))
    const big = source.indexOf('  # big customers first')
    const everyone = source.indexOf('  # everyone else')
    const end = source.lastIndexOf('}')
    const bigPart = source.slice(big, everyone)
    const everyonePart = source.slice(everyone, end)
    expect(text).toBe(
      source.slice(0, big) + everyonePart.trimEnd() + '\n\n' + bigPart.trimEnd() + '\n}\n',
    )
    expect(comments(text)).toEqual(
      [
        'The house policy.',
        'everyone else',
        'short',
        'big customers first',
        'a friendly note before anything else',
        'sent in the morning',
      ].map((c) => ` ${c}`),
    )
  })

  it('moving a segment to where it is changes nothing', () => {
    expect(edited(moveSegment(source, 'big', 0))).toBe(source)
  })

  it('refuses a position outside the list of segments', () => {
    expect(moveSegment(source, 'big', 2)).toMatchObject({
      kind: 'refused',
      hint: expect.stringContaining('1 to 2'),
    })
  })
})
