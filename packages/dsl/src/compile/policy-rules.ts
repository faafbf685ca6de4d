import type { RuleJson } from '@dun/engine'
import type { PauseRule, StopRule } from '../ast.js'
import { toCondition } from './expression.js'
import { expressionText } from './expression-text.js'

/** Stop beats pause beats steps when several rules fire at once. */
const PRIORITY = { stop: 3, pause: 2 } as const

/** `stop when …` and `pause when …` rules, named `stop#1`, `pause#1`, … in source order. */
export function compileControlRules(rules: readonly (StopRule | PauseRule)[]): RuleJson[] {
  const counts = { stop: 0, pause: 0 }
  return rules.map((rule) => {
    counts[rule.kind] += 1
    return {
      name: `${rule.kind}#${counts[rule.kind]}`,
      priority: PRIORITY[rule.kind],
      conditions: { all: [toCondition(rule.when)] },
      event: { type: rule.kind, params: { reason: expressionText(rule.when) } },
    }
  })
}
