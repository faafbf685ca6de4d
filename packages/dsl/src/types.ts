import { FACTS, type FactType } from '@dun/engine'
import type { Expression, Operand } from './ast.js'

/**
 * The static type of an expression, checked against the fact catalogue. A money fact knows
 * the fact holding its currency; a money literal (`5000 USD | 4500 EUR`) names one amount
 * per currency and so matches whatever currency the fact is in (`currencyPath: null`).
 * `unknown` follows an error already reported (an unknown path): it is compatible with
 * everything, so one typo yields one diagnostic.
 */
export type StaticType =
  | Exclude<FactType, { kind: 'money' }>
  | { readonly kind: 'money'; readonly currencyPath: string | null }
  | { readonly kind: 'percent' }
  | { readonly kind: 'unknown' }

const BOOLEAN: StaticType = { kind: 'boolean' }
const UNKNOWN: StaticType = { kind: 'unknown' }
const LITERAL_TYPES = {
  number: { kind: 'number' },
  string: { kind: 'string' },
  boolean: BOOLEAN,
  money: { kind: 'money', currencyPath: null },
  duration: { kind: 'duration' },
  percent: { kind: 'percent' },
  list: { kind: 'list' },
} as const satisfies Record<string, StaticType>

export function typeOf(expression: Expression | Operand): StaticType {
  switch (expression.kind) {
    case 'and':
    case 'or':
    case 'not':
    case 'compare':
    case 'in':
    case 'contains':
    case 'is':
      return BOOLEAN
    case 'path':
      return FACTS.get(expression.text)?.type ?? UNKNOWN
    case 'parens':
      return typeOf(expression.expression)
    case 'number':
    case 'string':
    case 'boolean':
    case 'money':
    case 'duration':
    case 'percent':
    case 'list':
      return LITERAL_TYPES[expression.kind]
  }
}

/** How a type reads in a message: "money", "a number", "one of hard or soft". */
export function describeType(type: StaticType): string {
  switch (type.kind) {
    case 'money':
      return 'money'
    case 'number':
      return 'a number'
    case 'string':
      return 'text'
    case 'boolean':
      return 'true/false'
    case 'instant':
      return 'a date and time'
    case 'duration':
      return 'a duration'
    case 'enum':
      return `one of ${type.values.join(', ')}`
    case 'list':
      return 'a list'
    case 'percent':
      return 'a percentage'
    case 'unknown':
      return 'an unknown value'
  }
}
