import type { Expression, Operand } from '../ast.js'

/**
 * The value of a condition that does not depend on any fact (`true`, `not false`,
 * `3 > 5`), or null when facts decide it. Used to find steps and segments that can
 * never fire and stops that always hold.
 */
export function constantTruth(expression: Expression | Operand): boolean | null {
  switch (expression.kind) {
    case 'boolean':
      return expression.value
    case 'parens':
      return constantTruth(expression.expression)
    case 'not': {
      const inner = constantTruth(expression.operand)
      return inner === null ? null : !inner
    }
    case 'and':
    case 'or':
      return constantLogic(expression.kind, expression.left, expression.right)
    case 'compare':
      return constantNumberComparison(expression.operator, expression.left, expression.right)
    default:
      return null
  }
}

function constantLogic(kind: 'and' | 'or', left: Expression, right: Expression): boolean | null {
  const a = constantTruth(left)
  const b = constantTruth(right)
  // `false and x` is false and `true or x` is true whatever x is.
  const decisive = kind === 'or'
  if (a === decisive || b === decisive) return decisive
  return a === null || b === null ? null : !decisive
}

function constantNumberComparison(
  operator: '==' | '!=' | '<' | '<=' | '>' | '>=',
  left: Operand,
  right: Operand,
): boolean | null {
  if (left.kind !== 'number' || right.kind !== 'number') return null
  const [a, b] = [left.value, right.value]
  switch (operator) {
    case '==':
      return a === b
    case '!=':
      return a !== b
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    case '>=':
      return a >= b
  }
}
