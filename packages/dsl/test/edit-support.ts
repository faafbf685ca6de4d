import { expect } from 'vitest'
import type { EditResult } from '../src/edit/index.js'
import { format } from '../src/format.js'

/** The sample policy the edit tests change: comments above, beside and inside blocks. */
export const source = [
  '# The house policy.',
  'policy "p" {',
  '  currencies USD',
  '',
  '  # big customers first',
  '  segment big when customer.arr >= 50000 USD {',
  '    # a friendly note before anything else',
  '    day 0 email "heads-up" # sent in the morning',
  '    day 1, 3, 5 retry payment',
  '    day 10 call "account-manager"',
  '  }',
  '',
  '  # everyone else',
  '  segment everyone {',
  '    day 2 sms, email "reminder" # short',
  '    day 14 suspend subscription',
  '  }',
  '}',
  '',
].join('\n')

/** The edited text; fails the test when the edit was refused. */
export function edited(result: EditResult): string {
  if (result.kind === 'refused') throw new Error(`refused: ${result.message}`)
  // Whatever the edit, the result is already in the formatter's layout.
  expect(format(result.text).text).toBe(result.text)
  return result.text
}

/** Applies an edit's text edits to the old text: they must give the new text. */
export function applyEdits(before: string, result: EditResult): string {
  if (result.kind === 'refused') throw new Error(`refused: ${result.message}`)
  let text = before
  for (const edit of [...result.edits].sort((a, b) => b.range.offset - a.range.offset)) {
    text =
      text.slice(0, edit.range.offset) +
      edit.text +
      text.slice(edit.range.offset + edit.range.length)
  }
  return text
}
