import type { AccountOperation } from '@dun/engine'
import type { ActionNode, DunFile, Name, Segment, Step, StringLiteral } from '../ast.js'
import { printAction } from '../format/action.js'
import type { SourceRange } from '../source-range.js'
import type { EditResult, RefusedEdit } from './edit-result.js'
import { segmentBodyStart, stepExtents } from './block-items.js'
import {
  editableFile,
  findSegment,
  isRefused,
  type EditableFile,
  type StepLocation,
} from './editable-file.js'
import { lineEnd } from './extents.js'
import { withSplices, type Splice } from './reprint.js'
import { channelsProblem, offsetProblem, templateProblem } from './step-values.js'

/** The actions the timeline can add; anything else is written in the text. */
export type NewAction =
  | { readonly kind: 'notify'; readonly channels: readonly string[]; readonly template: string }
  | { readonly kind: 'call'; readonly script: string }
  | { readonly kind: 'retry'; readonly methods: 'default' | 'backup' }
  | { readonly kind: 'account'; readonly operation: AccountOperation }

export interface NewStep {
  /** Days from the segment's anchor. */
  readonly day: number
  readonly action: NewAction
}

/**
 * Adds a step to a segment, after the steps on earlier or the same days (so a segment
 * written in day order stays in day order) and before the comments of the step after it.
 */
export function addStep(text: string, segmentName: string, step: NewStep): EditResult {
  const problem = offsetProblem(step.day) ?? actionProblem(step.action)
  if (problem !== null) return problem
  const editable = editableFile(text)
  if (isRefused(editable)) return editable
  const segment = findSegment(editable, segmentName)
  if (isRefused(segment)) return segment
  const line = `day ${step.day} ${printAction(actionNode(step.action, segment.range))}`
  const splice = insertion(editable, segment, step.day, line)
  const newStepAt = splice.start + splice.text.indexOf('day')
  return withSplices(editable, [splice], (file) => stepStartingAt(file, segmentName, newStepAt))
}

function insertion(editable: EditableFile, segment: Segment, day: number, line: string): Splice {
  const extents = stepExtents(editable, segment)
  const after = segment.steps.findLastIndex((s) => firstDay(s) <= day)
  const previous = extents[after]
  if (previous !== undefined) return { start: previous.end, end: previous.end, text: `\n${line}` }
  const first = extents[0]
  if (first !== undefined) return { start: first.start, end: first.start, text: `${line}\n` }
  const bodyStart = segmentBodyStart(editable, segment)
  const rest = editable.text.slice(bodyStart, lineEnd(editable.text, bodyStart))
  const at = /^[ \t\r]*(#.*)?$/.test(rest) ? bodyStart + rest.length : bodyStart
  return { start: at, end: at, text: `\n${line}` }
}

/** The earliest day a step fires on (an `hour` step on the day holding that hour). */
function firstDay(step: Step): number {
  const first = Math.min(...step.offsets.map((o) => o.value))
  return step.unit === 'hour' ? Math.floor(first / 24) : first
}

function stepStartingAt(file: DunFile, segmentName: string, offset: number): StepLocation | null {
  const segment = file.policy?.items.find(
    (item): item is Segment => item.kind === 'segment' && item.name.text === segmentName,
  )
  const step = segment?.steps.find((s) => s.range.offset === offset)
  return segment && step ? { segment, step, offsetIndex: 0 } : null
}

function actionProblem(action: NewAction): RefusedEdit | null {
  switch (action.kind) {
    case 'notify':
      return channelsProblem(action.channels) ?? templateProblem(action.template)
    case 'call':
      return templateProblem(action.script)
    case 'retry':
    case 'account':
      return null
  }
}

/** The action as a tree node, for the formatter's own words (`range` places no comment). */
function actionNode(action: NewAction, range: SourceRange): ActionNode {
  const string = (value: string): StringLiteral => ({ kind: 'string', value, range })
  switch (action.kind) {
    case 'notify': {
      const channels = action.channels.map((text): Name => ({ kind: 'name', text, range }))
      return { kind: 'notify', channels, template: string(action.template), range }
    }
    case 'call':
      return { kind: 'call', script: string(action.script), range }
    case 'retry':
      return { kind: 'retry', methods: action.methods, range }
    case 'account':
      return { kind: 'account', operation: action.operation, range }
  }
}
