import type { RuleTrace } from '../decision.js'
import { compilePredicate, compileTraced, type TracedPredicate } from './compile-condition.js'
import type { FastRules } from './program.js'
import type { RuleSet } from './rule-set.js'

/** The rule JSON compiled into closures; the traced variant is compiled on first request. */
export function fastRules(set: RuleSet): FastRules {
  const predicates = set.rules.map((rule) => compilePredicate(rule.conditions))
  let traced: readonly TracedPredicate[] | null = null
  return {
    path: 'fast',
    run({ view, trace }) {
      const fired = new Array<boolean>(predicates.length)
      for (let i = 0; i < predicates.length; i++) fired[i] = predicates[i]!(view)
      if (!trace) return { fired, trace: null }
      traced ??= set.rules.map((rule) => compileTraced(rule.conditions))
      const traces: RuleTrace[] = traced.map((predicate, i) => ({
        rule: set.rules[i]!.name,
        fired: fired[i]!,
        conditions: predicate(view),
      }))
      return { fired, trace: traces }
    },
  }
}
