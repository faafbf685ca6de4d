/**
 * Edits the editor's timeline makes to a policy text. Each takes the whole text and returns
 * the whole new text, re-printed by the formatter with every comment kept, or a refusal.
 */
export type { EditResult, EditedText, RefusedEdit } from './edit-result.js'
export { moveStep, setStepChannels, setStepTemplate } from './step-edits.js'
export { addStep, type NewAction, type NewStep } from './add-step.js'
export { removeStep } from './remove-step.js'
export { moveSegment } from './move-segment.js'
