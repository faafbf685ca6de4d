import type { Expression, Operand } from '../ast.js'

/**
 * Canonical source text of an expression, printed from the tree rather than sliced from the
 * file: the compiled output (stop/pause reasons, segment and guard texts) then stays the
 * same when a policy is only reformatted or its comments change.
 */
export function expressionText(expression: Expression): string {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return `${expressionText(expression.left)} ${expression.kind} ${expressionText(expression.right)}`
    case 'not':
      return `not ${expressionText(expression.operand)}`
    case 'compare':
      return `${operandText(expression.left)} ${expression.operator} ${operandText(expression.right)}`
    case 'in':
      return `${operandText(expression.subject)} ${expression.negated ? 'not in' : 'in'} ${operandText(expression.list)}`
    case 'contains':
      return `${operandText(expression.subject)} contains ${operandText(expression.item)}`
    case 'is':
      return `${operandText(expression.subject)} is ${expression.negated ? 'not ' : ''}${expression.value.text}`
    default:
      return operandText(expression)
  }
}

function operandText(operand: Operand): string {
  switch (operand.kind) {
    case 'path':
      return operand.text
    case 'number':
      return operand.text
    case 'string':
      return JSON.stringify(operand.value)
    case 'boolean':
      return String(operand.value)
    case 'money':
      return operand.amounts.map((a) => `${a.amount} ${a.currency.text}`).join(' | ')
    case 'duration':
      return `${operand.value} ${operand.unit}${operand.value === 1 ? '' : 's'}`
    case 'percent':
      return `${operand.value}%`
    case 'list':
      return `[${operand.items.map(operandText).join(', ')}]`
    case 'parens':
      return `(${expressionText(operand.expression)})`
  }
}
