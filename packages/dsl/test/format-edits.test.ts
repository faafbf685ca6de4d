import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffTexts, type Change } from '../src/format/edits.js'

function apply(text: string, changes: readonly Change[]): string {
  let result = ''
  let at = 0
  for (const change of changes) {
    expect(change.offset).toBeGreaterThanOrEqual(at)
    result += text.slice(at, change.offset) + change.text
    at = change.offset + change.length
  }
  return result + text.slice(at)
}

describe('diffTexts', () => {
  it('returns nothing for equal texts', () => {
    expect(diffTexts('a\nb\n', 'a\nb\n')).toEqual([])
  })

  it('narrows a re-indented line to its leading spaces', () => {
    expect(diffTexts('x {\n    day 1 sms "a"\n}\n', 'x {\n  day 1 sms "a"\n}\n')).toEqual([
      { offset: 6, length: 2, text: '' },
    ])
  })

  it('keeps unchanged lines between two changes out of the edits', () => {
    const before = 'a  b\nkeep\nkeep\nc  d\n'
    const changes = diffTexts(before, 'a b\nkeep\nkeep\nc d\n')
    expect(changes).toEqual([
      { offset: 2, length: 1, text: '' },
      { offset: 17, length: 1, text: '' },
    ])
  })

  it('inserts and removes whole lines', () => {
    expect(apply('a\nb\n', diffTexts('a\nb\n', 'a\n\nb\n'))).toBe('a\n\nb\n')
    expect(diffTexts('a\n\n\nb\n', 'a\n\nb\n')).toEqual([{ offset: 3, length: 1, text: '' }])
  })

  it('turns any text into any other, with ordered non-overlapping changes', () => {
    const text = fc.stringMatching(/^[ab \n]{0,40}$/)
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(apply(before, diffTexts(before, after))).toBe(after)
      }),
    )
  })
})
