import {
  Engine,
  type RuleProperties,
  type RuleResult,
  type TopLevelConditionResult,
} from 'json-rules-engine'
import type { Operator } from '../compiled.js'
import type { ConditionTrace, RuleTrace } from '../decision.js'
import type { FactValue } from '../facts/catalogue.js'
import type { ReferenceRules } from './program.js'
import type { RuleSet } from './rule-set.js'

/**
 * The reference path: a stock json-rules-engine `Engine` loaded with the same rule JSON.
 * Facts go in as a flat map of plain fact ids (no JSONPath); a fact the view lacks reads
 * as undefined, as it would in the fast path. Runs are sequential: one Engine keeps one
 * run status, so concurrent runs are unsafe with rule priorities (NOTES.md).
 */
export function referenceRules(set: RuleSet): ReferenceRules {
  const engine = new Engine(set.rules as unknown as RuleProperties[], { allowUndefinedFacts: true })
  return {
    path: 'reference',
    async run({ view, trace }) {
      const { results, failureResults } = await engine.run(view)
      const fired = new Array<boolean>(set.rules.length).fill(false)
      for (const result of results) fired[ruleIndex(set, result.name)] = true
      if (!trace) return { fired, trace: null }
      const traces: RuleTrace[] = new Array<RuleTrace>(set.rules.length)
      for (const result of [...results, ...failureResults]) {
        const index = ruleIndex(set, result.name)
        traces[index] = { rule: result.name, fired: fired[index]!, conditions: toTrace(result) }
      }
      return { fired, trace: traces }
    },
  }
}

function ruleIndex(set: RuleSet, name: string): number {
  const index = set.indexByName.get(name)
  if (index === undefined) throw new Error(`json-rules-engine reported an unknown rule "${name}"`)
  return index
}

function toTrace(result: RuleResult): ConditionTrace {
  const top = convert(result.conditions)
  return { ...top, result: result.result === true }
}

type ResultNode = TopLevelConditionResult & {
  fact?: string
  operator?: string
  value?: unknown
  factResult?: unknown
  valueResult?: unknown
}

function convert(node: ResultNode): ConditionTrace {
  const result = node.result === true
  if ('all' in node)
    return { kind: 'all', result, children: node.all.map((c) => convert(c as ResultNode)) }
  if ('any' in node)
    return { kind: 'any', result, children: node.any.map((c) => convert(c as ResultNode)) }
  if ('not' in node) return { kind: 'not', result, child: convert(node.not as ResultNode) }
  return {
    kind: 'fact',
    fact: String(node.fact),
    operator: node.operator as Operator,
    expected: 'valueResult' in node ? node.valueResult : node.value,
    actual: node.factResult as FactValue | undefined,
    result,
  }
}
