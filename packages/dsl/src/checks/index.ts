import { actionChecks } from './actions.js'
import { comparisonChecks } from './comparisons.js'
import { conditionChecks } from './conditions.js'
import { factPathChecks } from './fact-paths.js'
import { limitChecks } from './limits.js'
import { moneyChecks } from './money.js'
import { policyChecks } from './policy.js'
import { mergeCheckSets } from './registry.js'
import { segmentChecks } from './segments.js'
import { stepChecks } from './steps.js'
import { testChecks } from './test-blocks.js'

/** Every check, by the node kind it looks at. */
export const CHECKS = mergeCheckSets([
  policyChecks,
  factPathChecks,
  conditionChecks,
  comparisonChecks,
  moneyChecks,
  segmentChecks,
  stepChecks,
  actionChecks,
  limitChecks,
  testChecks,
])
