import type { DunFile, Segment, Step, TestBlock } from '../ast.js'
import type { SourceRange } from '../source-range.js'
import { documentFor, type DunDocument } from './document.js'
import { stepIdsOf } from './step-ids.js'

/** One entry of the editor's outline: segments hold their steps. */
export interface OutlineItem {
  readonly kind: 'segment' | 'step' | 'test'
  readonly name: string
  /** Extra words beside the name: a segment's condition, a step's ids. */
  readonly detail: string
  /** The whole construct. */
  readonly range: SourceRange
  /** What the editor highlights when the item is picked: the name, or the step's offsets. */
  readonly selectionRange: SourceRange
  readonly children: readonly OutlineItem[]
}

/** Words separated by single spaces: text that folding would leave as it is. */
const FOLDED = /^\S+(?: \S+)*$/

/**
 * Source text of a range with line breaks and runs of blanks folded to one space. Most
 * ranges (a step's action) already are, and are returned without building a new string.
 */
function sourceText(text: string, range: SourceRange): string {
  const source = text.slice(range.offset, range.offset + range.length)
  return FOLDED.test(source) ? source : source.replace(/\s+/g, ' ').trim()
}

function stepItem(text: string, step: Step, ids: readonly string[]): OutlineItem {
  const offsets = step.offsets.map((o) => o.value).join(', ')
  const first = step.offsets[0]
  return {
    kind: 'step',
    name: `${step.unit} ${offsets} ${sourceText(text, step.action.range)}`,
    detail: ids.join(', '),
    range: step.range,
    selectionRange: first ? first.range : step.range,
    children: [],
  }
}

function segmentItem(text: string, segment: Segment): OutlineItem {
  const ids = stepIdsOf(segment)
  return {
    kind: 'segment',
    name: segment.name.text,
    detail: segment.when ? `when ${sourceText(text, segment.when.range)}` : 'everyone else',
    range: segment.range,
    selectionRange: segment.name.range,
    children: segment.steps.map((step) => stepItem(text, step, ids.get(step) ?? [])),
  }
}

function testItem(test: TestBlock): OutlineItem {
  return {
    kind: 'test',
    name: test.name ? test.name.value : 'test',
    detail: '',
    range: test.range,
    selectionRange: test.name ? test.name.range : test.range,
    children: [],
  }
}

/** Outlines by document: the editor's panels ask for the outline of the same text. */
const outlines = new WeakMap<DunDocument, readonly OutlineItem[]>()

/**
 * The policy's segments with their steps (and step ids), then the tests, in source order.
 * The same text gives the same (read-only) items.
 */
export function outline(text: string): readonly OutlineItem[] {
  const document = documentFor(text)
  let items = outlines.get(document)
  if (items === undefined) {
    items = outlineOf(text, document.parsed.ast)
    outlines.set(document, items)
  }
  return items
}

function outlineOf(text: string, file: DunFile): OutlineItem[] {
  const segments = (file.policy?.items ?? []).filter(
    (item): item is Segment => item.kind === 'segment',
  )
  return [...segments.map((s) => segmentItem(text, s)), ...file.tests.map(testItem)]
}
