import { describe, expect, it } from 'vitest'
import { moveStep, setStepChannels, setStepTemplate } from '../src/edit/index.js'
import { outline } from '../src/language-service/outline.js'
import { applyEdits, edited, source } from './edit-support.js'

function stepIds(text: string): string[] {
  return outline(text).flatMap((item) => item.children.flatMap((step) => step.detail.split(', ')))
}

describe('moveStep', () => {
  it('moves a step to another day, keeping the comments above and beside it', () => {
    const result = moveStep(source, 'big/notify:email:heads-up#1', 2)
    expect(edited(result)).toBe(source.replace('day 0 email "heads-up"', 'day 2 email "heads-up"'))
    expect(result.kind === 'edited' && result.stepId).toBe('big/notify:email:heads-up#1')
  })

  it('moves one card of a step with several days, and every card keeps its id', () => {
    const before = stepIds(source)
    const text = edited(moveStep(source, 'big/retry:default#2', 4))
    expect(text).toContain('    day 1, 4, 5 retry payment\n')
    expect(stepIds(text)).toEqual(before)
  })

  it('gives edits that turn the old text into the new one', () => {
    const result = moveStep(source, 'everyone/account:suspend_subscription#1', 21)
    expect(applyEdits(source, result)).toBe(edited(result))
    expect(result.kind === 'edited' && result.edits).toHaveLength(1)
  })

  it('refuses a day the step already fires on, a fraction, and an unknown id', () => {
    expect(moveStep(source, 'big/retry:default#1', 3)).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('day 3'),
    })
    expect(moveStep(source, 'big/notify:email:heads-up#1', 1.5).kind).toBe('refused')
    expect(moveStep(source, 'big/notify:email:nope#1', 1)).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('big/notify:email:nope#1'),
    })
  })

  it('refuses a text with syntax errors rather than drop what the parser skipped', () => {
    const broken = source.replace('day 14 suspend', 'day suspend')
    expect(moveStep(broken, 'big/notify:email:heads-up#1', 2)).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('syntax errors'),
    })
  })

  it('reformats the rest of the file as the formatter would', () => {
    const messy = source.replace('    day 10 call', '        day   10 call')
    expect(edited(moveStep(messy, 'big/notify:email:heads-up#1', 0))).toBe(source)
  })
})

describe('setStepChannels and setStepTemplate', () => {
  it('sets the channels of a message step and reports its new id', () => {
    const result = setStepChannels(source, 'everyone/notify:email+sms:reminder#1', ['letter'])
    expect(edited(result)).toBe(
      source.replace('day 2 sms, email "reminder"', 'day 2 letter "reminder"'),
    )
    expect(result.kind === 'edited' && result.stepId).toBe('everyone/notify:letter:reminder#1')
  })

  it('sets a template, quoting it, with the comment beside the step kept', () => {
    const result = setStepTemplate(source, 'everyone/notify:email+sms:reminder#1', 'say "pay"')
    expect(edited(result)).toContain('    day 2 sms, email "say \\"pay\\"" # short\n')
  })

  it('sets the script of a call', () => {
    const text = edited(setStepTemplate(source, 'big/call:account-manager#1', 'cfo'))
    expect(text).toContain('    day 10 call "cfo"\n')
  })

  it('refuses channels and templates it cannot write, naming the problem', () => {
    const id = 'everyone/notify:email+sms:reminder#1'
    expect(setStepChannels(source, id, [])).toMatchObject({ kind: 'refused' })
    expect(setStepChannels(source, id, ['fax'])).toMatchObject({
      message: expect.stringContaining('"fax"'),
    })
    expect(setStepChannels(source, id, ['sms', 'sms']).kind).toBe('refused')
    expect(setStepChannels(source, 'big/retry:default#1', ['sms'])).toMatchObject({
      message: expect.stringContaining('retry'),
    })
    expect(setStepTemplate(source, id, ' ').kind).toBe('refused')
    expect(setStepTemplate(source, id, 'a\nb').kind).toBe('refused')
    expect(setStepTemplate(source, 'everyone/account:suspend_subscription#1', 'x').kind).toBe(
      'refused',
    )
  })
})
