import type { Operator } from '../compiled.js'

/**
 * json-rules-engine 7.3's default operators, with exactly its semantics (the fast path and
 * the reference path must agree on every input, including odd ones):
 * - numeric operators are false unless `parseFloat(fact)` is a number (null → false);
 * - `contains` / `doesNotContain` are false unless the fact is an array;
 * - `in` / `notIn` call `value.indexOf(fact)`, so a string value tests for a substring.
 */
export type OperatorTest = (fact: unknown, value: unknown) => boolean

interface Indexable {
  indexOf(item: unknown): number
}

function isNumeric(fact: unknown): boolean {
  if (typeof fact === 'number') return !Number.isNaN(fact)
  return Number.parseFloat(fact as string).toString() !== 'NaN'
}

export const OPERATOR_TESTS: Readonly<Record<Operator, OperatorTest>> = {
  equal: (fact, value) => fact === value,
  notEqual: (fact, value) => fact !== value,
  in: (fact, value) => (value as Indexable).indexOf(fact) > -1,
  notIn: (fact, value) => (value as Indexable).indexOf(fact) === -1,
  contains: (fact, value) => Array.isArray(fact) && fact.indexOf(value) > -1,
  doesNotContain: (fact, value) => Array.isArray(fact) && fact.indexOf(value) === -1,
  // Written out rather than built by one helper: a comparison passed in as a function is
  // called through one shared call site, which V8 cannot inline once it has seen all four.
  lessThan: (fact, value) => isNumeric(fact) && (fact as number) < (value as number),
  lessThanInclusive: (fact, value) => isNumeric(fact) && (fact as number) <= (value as number),
  greaterThan: (fact, value) => isNumeric(fact) && (fact as number) > (value as number),
  greaterThanInclusive: (fact, value) => isNumeric(fact) && (fact as number) >= (value as number),
}
