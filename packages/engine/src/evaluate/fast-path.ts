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
  const count = set.rules.length
  // Parallel arrays, read by index: no object per rule to destructure on every run.
  const probes = new Int32Array(count)
  const tests = new Array<Predicate>(count)
  set.rules.forEach((rule, index) => {
    const shared = set.sharedPrefix[index] ?? null
    const own = shared ? rule.conditions.all.slice(shared.length) : rule.conditions.all
    probes[index] = shared?.probe ?? -1
    tests[index] = compilePredicate({ all: own })
  })
  // Probes before the rules that depend on them.
  const order = Int32Array.from(
    tests.map((_, i) => i).sort((a, b) => Number(probes[a]! >= 0) - Number(probes[b]! >= 0)),
  )
  let traced: readonly TracedPredicate[] | null = null
  return {
    path: 'fast',
    run({ view, trace }) {
      const fired = new Array<boolean>(count)
      for (let k = 0; k < count; k++) {
        const i = order[k]!
        const probe = probes[i]!
        fired[i] = (probe < 0 || fired[probe] === true) && tests[i]!(view)
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
