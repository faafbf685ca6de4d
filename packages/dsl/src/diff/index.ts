export { describeChanges } from './describe-changes.js'
export { changeText, timingText } from './change-text.js'
export type * from './policy-change.js'
