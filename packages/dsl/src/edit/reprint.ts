import type { DunFile, Policy, Segment, Step } from '../ast.js'
import { hasErrors } from '../diagnostic.js'
import { diffTexts } from '../format/edits.js'
import { printFile } from '../format/print-file.js'
import { parse } from '../parse.js'
import { LineIndex } from '../positions.js'
import { refused, type EditedText, type EditResult } from './edit-result.js'
import { stepIdOf, type EditableFile, type StepLocation } from './editable-file.js'

/** The whole file printed by the formatter (every comment kept), as an edit of `before`. */
export function reprinted(before: string, file: DunFile, stepId: string | null): EditedText {
  const text = printFile(file, file.comments)
  const lines = new LineIndex(before)
  const edits = diffTexts(before, text).map((change) => ({
    range: lines.range(change.offset, change.offset + change.length),
    text: change.text,
  }))
  return { kind: 'edited', text, edits, stepId }
}

/**
 * An edit in place: `step` replaced by `replacement` (which keeps the old step's range, so
 * the comments written with the step stay with it).
 */
export function withStepReplaced(
  editable: EditableFile,
  { segment, step, offsetIndex }: StepLocation,
  replacement: Step,
): EditedText {
  const newSegment: Segment = {
    ...segment,
    steps: segment.steps.map((s) => (s === step ? replacement : s)),
  }
  const policy: Policy = {
    ...editable.policy,
    items: editable.policy.items.map((item) => (item === segment ? newSegment : item)),
  }
  const stepId = stepIdOf(newSegment, replacement, offsetIndex)
  return reprinted(editable.text, { ...editable.file, policy }, stepId)
}

/** A replacement of the source span [start, end). */
export interface Splice {
  readonly start: number
  readonly end: number
  readonly text: string
}

/**
 * A structural edit (a step added or removed, segments reordered): whole lines move in the
 * text, each with the comments written above and beside it, and the result is parsed and
 * re-printed. `locate` finds the edited step in the spliced tree, for its id.
 */
export function withSplices(
  editable: EditableFile,
  splices: readonly Splice[],
  locate: (file: DunFile, spliced: string) => StepLocation | null = () => null,
): EditResult {
  let text = editable.text
  for (const splice of [...splices].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, splice.start) + splice.text + text.slice(splice.end)
  }
  const { ast, diagnostics } = parse(text)
  if (hasErrors(diagnostics)) {
    return refused(
      'The edit would leave the policy unreadable, so it was not made.',
      'Make this change in the text instead.',
    )
  }
  const found = locate(ast, text)
  const stepId = found && stepIdOf(found.segment, found.step, found.offsetIndex)
  return reprinted(editable.text, ast, stepId)
}
