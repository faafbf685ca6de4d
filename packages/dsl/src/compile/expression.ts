import { FACTS, type Condition, type FactCondition, type Operator } from '@dun/engine'
import type {
  Comparison,
  ComparisonOperator,
  Contains,
  Expression,
  FactPath,
  InList,
  IsCheck,
  MoneyLiteral,
  Operand,
} from '../ast.js'
import { CompileError } from './compile-error.js'
import { majorUnits } from './major-units.js'
import { literalValue, unwrapOperand } from './operand-value.js'

/** Holds for every fact map: json-rules-engine treats an empty `all` as true. */
export const ALWAYS: Condition = { all: [] }
/** Holds for no fact map. */
export const NEVER: Condition = { not: { all: [] } }

const OPERATORS: Record<ComparisonOperator, Operator> = {
  '==': 'equal',
  '!=': 'notEqual',
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
}

/** `a < b` is `b > a`: used to put the fact on the left. */
const MIRRORED: Record<ComparisonOperator, ComparisonOperator> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
}

/** Compiles a validated expression to a json-rules-engine condition (FORMAT.md, "Expressions"). */
export function toCondition(expression: Expression): Condition {
  switch (expression.kind) {
    case 'and':
      return { all: flatten(expression, 'and').map(toCondition) }
    case 'or':
      return { any: flatten(expression, 'or').map(toCondition) }
    case 'not':
      return { not: toCondition(expression.operand) }
    case 'compare':
      return comparison(expression)
    case 'in':
      return inList(expression)
    case 'contains':
      return contains(expression)
    case 'is':
      return isCheck(expression)
    default:
      return operandAsCondition(expression)
  }
}

/** `a and b and c` parses as `(a and b) and c`; one flat `all` reads better and runs the same. */
function flatten(expression: Expression, kind: 'and' | 'or'): Expression[] {
  if (expression.kind !== kind) return [expression]
  return [...flatten(expression.left, kind), ...flatten(expression.right, kind)]
}

/** A bare operand used as a condition: a boolean fact, `true`/`false`, or a parenthesised expression. */
function operandAsCondition(operand: Operand): Condition {
  switch (operand.kind) {
    case 'path':
      return { fact: operand.text, operator: 'equal', value: true }
    case 'boolean':
      return operand.value ? ALWAYS : NEVER
    case 'parens':
      return toCondition(operand.expression)
    default:
      throw new CompileError(
        'this value is not a condition',
        operand.range,
        'Compare it with something, e.g. `invoice.amount_due > 100 USD`.',
      )
  }
}

function comparison(expression: Comparison): Condition {
  let left = unwrapOperand(expression.left)
  let right = unwrapOperand(expression.right)
  let operator = expression.operator
  // Facts go on the left, and `now` on the right, as the engine's format expects.
  if (right.kind === 'path' && (left.kind !== 'path' || left.text === 'now')) {
    ;[left, right] = [right, left]
    operator = MIRRORED[operator]
  }
  if (left.kind !== 'path') throw noFact(expression)
  if (right.kind === 'money') return moneyComparison(left, OPERATORS[operator], right)
  const value = right.kind === 'path' ? { fact: right.text } : literalValue(right)
  return { fact: left.text, operator: OPERATORS[operator], value }
}

/** One branch per currency: the invoice's currency selects which threshold applies. */
function moneyComparison(path: FactPath, operator: Operator, money: MoneyLiteral): Condition {
  const type = FACTS.get(path.text)?.type
  if (type?.kind !== 'money') {
    throw new CompileError(
      `${path.text} is not an amount of money, so it cannot be compared with ${money.amounts.map((a) => a.currency.text).join(' | ')}`,
      money.range,
      'Compare money facts such as invoice.amount_due with money, and numbers with plain numbers.',
    )
  }
  return {
    any: money.amounts.map((amount) => {
      const parsed = majorUnits(amount.amount, amount.currency.text)
      if (!parsed.ok) {
        throw new CompileError(
          parsed.error,
          amount.range,
          'Write a plain decimal amount, e.g. 49.99 USD.',
        )
      }
      const currency: FactCondition = {
        fact: type.currencyPath,
        operator: 'equal',
        value: amount.currency.text,
      }
      return { all: [currency, { fact: path.text, operator, value: parsed.minor }] }
    }),
  }
}

function inList(expression: InList): Condition {
  const subject = unwrapOperand(expression.subject)
  if (subject.kind !== 'path') throw noFact(expression)
  return {
    fact: subject.text,
    operator: expression.negated ? 'notIn' : 'in',
    value: literalValue(expression.list),
  }
}

function contains(expression: Contains): Condition {
  const subject = unwrapOperand(expression.subject)
  const item = unwrapOperand(expression.item)
  if (subject.kind === 'path') {
    const value = item.kind === 'path' ? { fact: item.text } : literalValue(item)
    return { fact: subject.text, operator: 'contains', value }
  }
  // `["DE", "AT"] contains customer.country` is `customer.country in ["DE", "AT"]`.
  if (item.kind === 'path') return { fact: item.text, operator: 'in', value: literalValue(subject) }
  throw noFact(expression)
}

function isCheck(expression: IsCheck): Condition {
  const subject = unwrapOperand(expression.subject)
  if (subject.kind !== 'path') throw noFact(expression)
  return {
    fact: subject.text,
    operator: expression.negated ? 'notEqual' : 'equal',
    value: expression.value.text,
  }
}

function noFact(expression: Expression): CompileError {
  return new CompileError(
    'this condition reads no fact, so its result never changes',
    expression.range,
    'Compare a fact with a value, e.g. `invoice.balance <= 0`.',
  )
}
