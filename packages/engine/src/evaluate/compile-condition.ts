import type { Condition, FactCondition, Operator } from '../compiled.js'
import type { ConditionTrace } from '../decision.js'
import type { FactValue, FactView } from '../facts/catalogue.js'
import { OPERATOR_TESTS } from './operators.js'

/**
 * Rule conditions compiled once into plain closures over the fact view: the operator is
 * resolved at compile time, so an evaluation is a chain of direct calls. The traced
 * variant evaluates every branch (no short-circuit) to report what each condition saw.
 */
export type Predicate = (view: FactView) => boolean
export type TracedPredicate = (view: FactView) => ConditionTrace

type Read = (view: FactView) => unknown

export function compilePredicate(condition: Condition): Predicate {
  if ('all' in condition) return every(condition.all.map(compilePredicate))
  if ('any' in condition) return some(condition.any.map(compilePredicate))
  if ('not' in condition) {
    const inner = compilePredicate(condition.not)
    return (view) => !inner(view)
  }
  return compileComparison(condition)
}

function every(parts: readonly Predicate[]): Predicate {
  if (parts.length === 1) return parts[0]!
  return (view) => {
    for (const part of parts) if (!part(view)) return false
    return true
  }
}

// json-rules-engine: an empty `any` holds, like an empty `all`.
function some(parts: readonly Predicate[]): Predicate {
  if (parts.length === 0) return () => true
  if (parts.length === 1) return parts[0]!
  return (view) => {
    for (const part of parts) if (part(view)) return true
    return false
  }
}

function compileComparison(condition: FactCondition): Predicate {
  const fact = condition.fact
  const value = condition.value
  if (isFactReference(value)) {
    const test = OPERATOR_TESTS[condition.operator]
    const other = value.fact
    return (view) => test(view[fact], view[other])
  }
  return AGAINST_LITERAL[condition.operator](fact, value)
}

// One closure per operator, each calling its own test: a call site that always calls the
// same function is inlined by V8, where one shared site calling ten tests is not.
const { equal, notEqual, contains, doesNotContain, lessThan, lessThanInclusive } = OPERATOR_TESTS
const { in: isIn, notIn, greaterThan, greaterThanInclusive } = OPERATOR_TESTS
const AGAINST_LITERAL: Readonly<Record<Operator, (fact: string, value: unknown) => Predicate>> = {
  equal: (fact, value) => (view) => equal(view[fact], value),
  notEqual: (fact, value) => (view) => notEqual(view[fact], value),
  in: (fact, value) => (view) => isIn(view[fact], value),
  notIn: (fact, value) => (view) => notIn(view[fact], value),
  contains: (fact, value) => (view) => contains(view[fact], value),
  doesNotContain: (fact, value) => (view) => doesNotContain(view[fact], value),
  lessThan: (fact, value) => (view) => lessThan(view[fact], value),
  lessThanInclusive: (fact, value) => (view) => lessThanInclusive(view[fact], value),
  greaterThan: (fact, value) => (view) => greaterThan(view[fact], value),
  greaterThanInclusive: (fact, value) => (view) => greaterThanInclusive(view[fact], value),
}

export function compileTraced(condition: Condition): TracedPredicate {
  if ('all' in condition || 'any' in condition) {
    const kind = 'all' in condition ? 'all' : 'any'
    const children = ('all' in condition ? condition.all : condition.any).map(compileTraced)
    return (view) => {
      const traces = children.map((child) => child(view))
      const result =
        kind === 'all' || traces.length === 0
          ? traces.every((t) => t.result)
          : traces.some((t) => t.result)
      return { kind, result, children: traces }
    }
  }
  if ('not' in condition) {
    const inner = compileTraced(condition.not)
    return (view) => {
      const child = inner(view)
      return { kind: 'not', result: !child.result, child }
    }
  }
  const predicate = compileComparison(condition)
  const expected = readValue(condition)
  return (view) => ({
    kind: 'fact',
    fact: condition.fact,
    operator: condition.operator,
    expected: expected(view),
    actual: view[condition.fact] as FactValue | undefined,
    result: predicate(view),
  })
}

function readValue(condition: FactCondition): Read {
  const value = condition.value
  if (isFactReference(value)) {
    const other = value.fact
    return (view) => view[other]
  }
  return () => value
}

export function isFactReference(value: FactCondition['value']): value is { readonly fact: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'fact' in value
}
