import type { IToken } from 'chevrotain'
import type { DunFile, Policy, Segment, Step } from '../ast.js'
import { hasErrors } from '../diagnostic.js'
import { stepIdsOf } from '../language-service/step-ids.js'
import { parse } from '../parse.js'
import { refused, type RefusedEdit } from './edit-result.js'

/** A parsed text that an edit may change: it has no syntax errors and holds a policy. */
export interface EditableFile {
  readonly text: string
  readonly file: DunFile
  readonly policy: Policy
  readonly segments: readonly Segment[]
  readonly tokens: readonly IToken[]
}

/** Where one step id points: a step of a segment, and which of its offsets (cards). */
export interface StepLocation {
  readonly segment: Segment
  readonly step: Step
  readonly offsetIndex: number
}

/**
 * Parses a text for editing. A text with syntax errors is refused: its tree is partial,
 * and printing it would drop what the parser skipped.
 */
export function editableFile(text: string): EditableFile | RefusedEdit {
  const { ast, diagnostics, tokens } = parse(text)
  if (hasErrors(diagnostics)) {
    return refused(
      'The policy text has syntax errors, so the timeline cannot change it.',
      'Fix the errors marked in the text, then edit the timeline again.',
    )
  }
  if (ast.policy === null) {
    return refused(
      'The text holds no policy to edit.',
      'Start the text with `policy "name" { … }`.',
    )
  }
  const segments = ast.policy.items.filter((item): item is Segment => item.kind === 'segment')
  return { text, file: ast, policy: ast.policy, segments, tokens }
}

export function isRefused<T>(value: T | RefusedEdit): value is RefusedEdit {
  return (value as { kind?: unknown }).kind === 'refused'
}

/** The step (and offset) a step id names, through the compiler's own id allocation. */
export function findStep(editable: EditableFile, stepId: string): StepLocation | RefusedEdit {
  for (const segment of editable.segments) {
    for (const [step, ids] of stepIdsOf(segment)) {
      const offsetIndex = ids.indexOf(stepId)
      if (offsetIndex >= 0) return { segment, step, offsetIndex }
    }
  }
  return refused(
    `No step has the id "${stepId}".`,
    'The text may have changed since the timeline was drawn; pick the step again.',
  )
}

export function findSegment(editable: EditableFile, name: string): Segment | RefusedEdit {
  const segment = editable.segments.find((s) => s.name.text === name)
  return (
    segment ??
    refused(`No segment is called "${name}".`, 'Pick one of the segments the timeline shows.')
  )
}

/** The id of the step at `offsetIndex` of `step`, which must belong to `segment`. */
export function stepIdOf(segment: Segment, step: Step, offsetIndex: number): string | null {
  return stepIdsOf(segment).get(step)?.[offsetIndex] ?? null
}

/** Where the first `{` at or after `offset` ends: the opening of a block. */
export function blockOpenEnd(editable: EditableFile, offset: number): number {
  const brace = editable.tokens.find(
    (token) => token.tokenType.name === 'LCurly' && token.startOffset >= offset,
  )
  // A text without syntax errors opens every block it declares.
  return brace === undefined ? offset : brace.startOffset + 1
}
