import type {
  DunFile,
  Expectation,
  ExpectedOutcome,
  Expression,
  Given,
  LimitItem,
  Policy,
  PolicyItem,
  Segment,
  Step,
  TestBlock,
} from '../ast.js'
import { spanRange } from '../positions.js'
import type { SourceRange } from '../source-range.js'
import { group, indent, join, line, type Doc } from './doc.js'
import { printAction } from './action.js'
import { printExpression, printOperand } from './expression.js'
import { printString, printTime } from './literals.js'
import { endOf, type Statement } from './statement.js'

/** The file as a statement tree: the policy, then its tests, each a section of its own. */
export function fileStatement(file: DunFile): Statement {
  const blocks = [
    ...(file.policy ? [policyStatement(file.policy)] : []),
    ...file.tests.map(testStatement),
  ]
  return {
    node: file,
    range: file.range,
    head: '',
    headEnd: { offset: 0, line: 0 },
    body: blocks,
    section: null,
  }
}

function policyStatement(policy: Policy): Statement {
  return block(
    policy,
    ['policy', ...(policy.name ? [' ', printString(policy.name.value)] : [])],
    policy.name?.range ?? keyword(policy.range, 'policy'),
    policy.items.map(policyItemStatement),
  )
}

function policyItemStatement(item: PolicyItem): Statement {
  switch (item.kind) {
    case 'currencies':
      return leaf(
        item,
        `currencies ${item.currencies.map((c) => c.text).join(', ')}`,
        'declarations',
      )
    case 'anchor':
      return leaf(item, `anchor ${item.anchor}`, 'declarations')
    case 'limits':
      return block(item, 'limits', keyword(item.range, 'limits'), item.items.map(limitStatement))
    case 'stop':
    case 'pause':
      return leaf(item, [item.kind, guard(item.when)], 'rules')
    case 'segment':
      return segmentStatement(item)
  }
}

function limitStatement(item: LimitItem): Statement {
  switch (item.kind) {
    case 'quietHours':
      return leaf(item, `quiet hours ${printTime(item.start)} to ${printTime(item.end)}`)
    case 'cap':
      return leaf(item, [
        'at most ',
        String(item.max),
        ' ',
        item.scope.text,
        ' per ',
        printOperand(item.window),
      ])
  }
}

function segmentStatement(segment: Segment): Statement {
  return block(
    segment,
    ['segment ', segment.name.text, segment.when ? guard(segment.when) : ''],
    segment.when?.range ?? segment.name.range,
    [
      ...(segment.anchor ? [leaf(segment.anchor, `anchor ${segment.anchor.anchor}`)] : []),
      ...segment.steps.map(stepStatement),
    ],
  )
}

function stepStatement(step: Step): Statement {
  return leaf(step, [
    step.unit,
    ' ',
    step.offsets.map((offset) => String(offset.value)).join(', '),
    step.at ? ` at ${printTime(step.at)}` : '',
    step.anchor ? ` from ${step.anchor}` : '',
    ' ',
    printAction(step.action),
    step.label ? ` as ${printString(step.label.value)}` : '',
    step.when ? guard(step.when) : '',
  ])
}

function testStatement(test: TestBlock): Statement {
  return block(
    test,
    ['test', ...(test.name ? [' ', printString(test.name.value)] : [])],
    test.name?.range ?? keyword(test.range, 'test'),
    testItems(test).map((item) =>
      item.kind === 'givens' ? givensStatement(item.givens) : expectationStatement(item),
    ),
  )
}

type TestItem = { readonly kind: 'givens'; readonly givens: Given[] } | Expectation

/**
 * Givens and expectations in source order. Consecutive givens written on one line print as
 * one `given` (the tree keeps no trace of the `given` keywords, only of lines); a `given`
 * line is never broken, so this grouping is stable under reformatting.
 */
function testItems(test: TestBlock): TestItem[] {
  const sorted = [...test.givens, ...test.expectations].sort(
    (a, b) => a.range.offset - b.range.offset,
  )
  const items: TestItem[] = []
  for (const item of sorted) {
    const last = items[items.length - 1]
    if (item.kind === 'expectation') items.push(item)
    else if (last?.kind === 'givens' && last.givens.at(-1)?.range.endLine === item.range.line) {
      last.givens.push(item)
    } else items.push({ kind: 'givens', givens: [item] })
  }
  return items
}

function givensStatement(givens: readonly Given[]): Statement {
  const first = givens[0] as Given
  const range = spanRange(first.range, (givens.at(-1) as Given).range)
  const assignments = givens.map((given) => [
    printOperand(given.path),
    ' = ',
    given.value.kind === 'relativeDay' ? `day ${given.value.day}` : printOperand(given.value),
  ])
  return { ...leaf(first, ['given ', join(', ', assignments)]), range, headEnd: endOf(range) }
}

function expectationStatement(expectation: Expectation): Statement {
  return leaf(
    expectation,
    group([
      `at ${expectation.unit} ${expectation.offset}`,
      expectation.at ? ` at ${printTime(expectation.at)}` : '',
      ' expect',
      indent([line, join([',', line], expectation.outcomes.map(printOutcome))]),
    ]),
  )
}

function printOutcome(outcome: ExpectedOutcome): Doc {
  switch (outcome.kind) {
    case 'expectAction':
      return (outcome.negated ? 'no ' : '') + printAction(outcome.action)
    case 'expectStep':
      return `${outcome.negated ? 'no ' : ''}step ${printString(outcome.step.value)}`
    case 'expectNothing':
      return 'nothing'
    case 'expectSegment':
      return `segment ${outcome.segment.text}`
    case 'expectStatus':
      return outcome.status
  }
}

/** ` when <expression>`: the expression's own group breaks it at `and`/`or` when too long. */
function guard(expression: Expression): Doc {
  return [' when ', printExpression(expression)]
}

function leaf(
  node: { readonly range: SourceRange },
  head: Doc,
  section: string | null = null,
): Statement {
  return { node, range: node.range, head, headEnd: endOf(node.range), body: null, section }
}

/** A block is a section of its own: a blank line always separates it from its siblings. */
function block(
  node: { readonly range: SourceRange },
  head: Doc,
  headRange: SourceRange,
  body: readonly Statement[],
): Statement {
  return { node, range: node.range, head, headEnd: endOf(headRange), body, section: node }
}

/** The range of the keyword that opens a node, for blocks whose header is that keyword. */
function keyword(range: SourceRange, word: string): SourceRange {
  return {
    ...range,
    length: word.length,
    endLine: range.line,
    endColumn: range.column + word.length,
  }
}
