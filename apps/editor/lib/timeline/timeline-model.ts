import {
  hasErrors,
  outline,
  parsedDocument,
  type ActionNode,
  type Expression,
  type Segment,
  type SourceRange,
  type Step,
} from '@dun/dsl'

/** The policy as the timeline draws it: policy-wide limits, then one lane per segment. */
export interface TimelineModel {
  readonly policyName: string
  /** `quiet hours 21:00 to 08:00`, caps, `pause when …`, `stop when …`: badges above the lanes. */
  readonly limits: readonly LimitBadge[]
  readonly segments: readonly TimelineSegment[]
}

export interface LimitBadge {
  readonly kind: 'quiet' | 'cap' | 'pause' | 'stop'
  readonly text: string
}

export interface TimelineSegment {
  readonly name: string
  /** The segment's `when`, as written; null for a catch-all. */
  readonly predicate: string | null
  readonly anchor: 'due' | 'failure' | null
  readonly cards: readonly TimelineCard[]
}

/** One card: one offset of a step (`day 1, 3, 5` draws three cards). */
export interface TimelineCard {
  /** The compiler's stable step id: the card's identity across edits. */
  readonly id: string
  readonly unit: 'day' | 'hour'
  /** As written, in the step's unit. */
  readonly offset: number
  /** The day the card sits on (an `hour` step on the day holding that hour). */
  readonly day: number
  /** Every day the step fires on, when it has several. */
  readonly siblings: readonly number[]
  readonly at: string | null
  readonly action: CardAction
  /** The step's `when`, as written. */
  readonly guard: string | null
  readonly label: string | null
  readonly range: SourceRange
}

export interface CardAction {
  readonly kind: ActionNode['kind']
  readonly channels: readonly string[]
  /** The template of a message, the script of a call; null for other actions. */
  readonly template: string | null
  /** The action as written, e.g. `retry payment using backup methods`. */
  readonly text: string
}

/** A text with syntax errors draws nothing new: the editor keeps the last good picture. */
export type TimelineDrawing =
  | { readonly kind: 'drawn'; readonly model: TimelineModel }
  | { readonly kind: 'broken'; readonly errors: number }

export function drawTimeline(text: string): TimelineDrawing {
  const { ast, diagnostics } = parsedDocument(text)
  if (hasErrors(diagnostics) || ast.policy === null) {
    return { kind: 'broken', errors: diagnostics.filter((d) => d.severity === 'error').length }
  }
  const ids = stepIdsByOffset(text)
  const source = (range: SourceRange) => sourceText(text, range)
  const limits: LimitBadge[] = []
  const segments: TimelineSegment[] = []
  for (const item of ast.policy.items) {
    switch (item.kind) {
      case 'limits':
        for (const limit of item.items) limits.push(limitBadge(limit.kind, source(limit.range)))
        break
      case 'pause':
      case 'stop':
        limits.push({ kind: item.kind, text: source(item.range) })
        break
      case 'segment':
        segments.push(timelineSegment(item, ids, source))
        break
      case 'currencies':
      case 'anchor':
        break
    }
  }
  return { kind: 'drawn', model: { policyName: ast.policy.name?.value ?? '', limits, segments } }
}

function limitBadge(kind: 'quietHours' | 'cap', text: string): LimitBadge {
  return { kind: kind === 'quietHours' ? 'quiet' : 'cap', text }
}

function timelineSegment(
  segment: Segment,
  ids: ReadonlyMap<number, readonly string[]>,
  source: (range: SourceRange) => string,
): TimelineSegment {
  const cards = segment.steps.flatMap((step) =>
    step.offsets.flatMap((offset, index) => {
      const id = ids.get(step.range.offset)?.[index]
      return id === undefined ? [] : [card(step, offset.value, id, source)]
    }),
  )
  return {
    name: segment.name.text,
    predicate: segment.when && conditionText(segment.when, source),
    anchor: segment.anchor?.anchor ?? null,
    cards,
  }
}

function card(
  step: Step,
  offset: number,
  id: string,
  source: (range: SourceRange) => string,
): TimelineCard {
  const perDay = step.unit === 'hour' ? 24 : 1
  return {
    id,
    unit: step.unit,
    offset,
    day: Math.floor(offset / perDay),
    siblings: step.offsets.length > 1 ? step.offsets.map((o) => o.value) : [],
    at: step.at?.text ?? null,
    action: cardAction(step.action, source),
    guard: step.when && conditionText(step.when, source),
    label: step.label?.value ?? null,
    range: step.range,
  }
}

function cardAction(action: ActionNode, source: (range: SourceRange) => string): CardAction {
  const text = source(action.range)
  switch (action.kind) {
    case 'notify':
      return {
        kind: action.kind,
        channels: action.channels.map((c) => c.text),
        template: action.template?.value ?? null,
        text,
      }
    case 'call':
      return { kind: action.kind, channels: [], template: action.script?.value ?? null, text }
    default:
      return { kind: action.kind, channels: [], template: null, text }
  }
}

function conditionText(expression: Expression, source: (range: SourceRange) => string): string {
  return source(expression.range)
}

/** Step ids by the offset where their step starts, from the outline the editor shows. */
function stepIdsByOffset(text: string): Map<number, readonly string[]> {
  const ids = new Map<number, readonly string[]>()
  for (const segment of outline(text)) {
    for (const step of segment.children) {
      if (step.detail !== '') ids.set(step.range.offset, step.detail.split(', '))
    }
  }
  return ids
}

/** Source text of a range with line breaks and runs of blanks folded to one space. */
function sourceText(text: string, range: SourceRange): string {
  return text
    .slice(range.offset, range.offset + range.length)
    .replace(/\s+/g, ' ')
    .trim()
}
