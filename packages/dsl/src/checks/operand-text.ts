import type { Expression, Operand } from '../ast.js'

/** An operand as an analyst would read it back in a message: `invoice.amount_due`, `5000`, `"hard"`. */
export function operandText(operand: Operand): string {
  switch (operand.kind) {
    case 'path':
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
      return 'the list'
    case 'parens':
      return isOperand(operand.expression)
        ? `(${operandText(operand.expression)})`
        : 'the expression in parentheses'
  }
}

function isOperand(expression: Expression): expression is Operand {
  switch (expression.kind) {
    case 'and':
    case 'or':
    case 'not':
    case 'compare':
    case 'in':
    case 'contains':
    case 'is':
      return false
    default:
      return true
  }
}
