export * from './evaluate-customers.js'
export type { EvaluationSummary, CaseDecision, CustomerFailure } from './summary.js'
export { actionsDecidedTotal } from './summary.js'
export * from './explain-case.js'
