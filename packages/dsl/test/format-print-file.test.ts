import { describe, expect, it } from 'vitest'
import type { DunFile, Segment, Step } from '../src/ast.js'
import { printFile } from '../src/format.js'
import { parse } from '../src/parse.js'

const source = [
  'policy "p" {',
  '  currencies USD',
  '',
  '  # the only segment',
  '  segment everyone {',
  '    # remind first',
  '    day 1 email "reminder" # friendly',
  '    day 3 retry payment',
  '  }',
  '}',
  '',
].join('\n')

/** The editor's timeline edits the tree, not the text: replace one step of the segment. */
function withStep(file: DunFile, index: number, edit: (step: Step) => Step): DunFile {
  const policy = file.policy
  if (policy === null) throw new Error('the test source has a policy')
  const items = policy.items.map((item) =>
    item.kind === 'segment'
      ? ({ ...item, steps: item.steps.map((s, i) => (i === index ? edit(s) : s)) } as Segment)
      : item,
  )
  return { ...file, policy: { ...policy, items } }
}

describe('printFile', () => {
  it('prints an unchanged tree as the formatted source', () => {
    expect(printFile(parse(source).ast)).toBe(source)
  })

  it('re-prints a tree whose step moved to another day, with every comment kept in place', () => {
    const { ast } = parse(source)
    const moved = withStep(ast, 0, (step) => ({
      ...step,
      offsets: step.offsets.map((offset) => ({ ...offset, value: 2 })),
    }))
    expect(printFile(moved, ast.comments)).toBe(source.replace('day 1 email', 'day 2 email'))
  })

  it('prints a replaced action where the old one was', () => {
    const { ast } = parse(source)
    const changed = withStep(ast, 1, (step) => ({
      ...step,
      action: { kind: 'retry', range: step.action.range, methods: 'backup' },
    }))
    expect(printFile(changed, ast.comments)).toBe(
      source.replace('day 3 retry payment', 'day 3 retry payment using backup methods'),
    )
  })

  it('prints the comments it is given, not those of the tree', () => {
    const { ast } = parse(source)
    const printed = printFile(ast, [])
    expect(printed).not.toContain('#')
    expect(parse(printed).ast.comments).toEqual([])
  })
})
