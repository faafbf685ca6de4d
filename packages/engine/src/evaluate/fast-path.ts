import type { RuleTrace } from '../decision.js'
import {
  compilePredicate,
  compileTraced,
  type Predicate,
  type TracedPredicate,
} from './compile-condition.js'
import type { FastRules } from './program.js'
import type { RuleSet } from './rule-set.js'

/**
 * The rule JSON compiled into closures. Segment probes run first; a step rule whose
 * segment conditions (shared with its probe) do not hold is false without evaluating it,
 * and otherwise only its own conditions run — the same result, since `all` is a
 * conjunction. The traced variant evaluates everything and is compiled on first request.
 */
export function fastRules(set: RuleSet): FastRules {
  const plans = set.rules.map((rule, index) => {
    const shared = set.sharedPrefix[index] ?? null
    const own = shared ? rule.conditions.all.slice(shared.length) : rule.conditions.all
    return { probe: shared?.probe ?? -1, test: compilePredicate({ all: own }) as Predicate }
  })
  // Probes before the rules that depend on them.
  const order = plans
    .map((_, i) => i)
    .sort((a, b) => Number(plans[a]!.probe >= 0) - Number(plans[b]!.probe >= 0))
  let traced: readonly TracedPredicate[] | null = null
  return {
    path: 'fast',
    run({ view, trace }) {
      const fired = new Array<boolean>(plans.length)
      for (const i of order) {
        const { probe, test } = plans[i]!
        fired[i] = (probe < 0 || fired[probe] === true) && test(view)
      }
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
