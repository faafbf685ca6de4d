import type { TextEdit } from '../diagnostic.js'

/**
 * What a timeline edit returns: the whole new text (re-printed by the formatter, every
 * comment kept) with the smallest edits that turn the old text into it, or a refusal an
 * analyst can act on. `stepId` names the step the edit touched, as it is called afterwards
 * (changing a template changes the id), so the editor can keep it selected.
 */
export type EditResult = EditedText | RefusedEdit

export interface EditedText {
  readonly kind: 'edited'
  readonly text: string
  readonly edits: readonly TextEdit[]
  readonly stepId: string | null
}

export interface RefusedEdit {
  readonly kind: 'refused'
  readonly message: string
  readonly hint: string
}

export function refused(message: string, hint: string): RefusedEdit {
  return { kind: 'refused', message, hint }
}
