import type { Expression, Operand } from '../ast.js'

/**
 * A canonical text of an expression, blind to layout, comments and parentheses: two
 * predicates with the same key select the same cases.
 */
export function expressionKey(expression: Expression | Operand): string {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return `${expression.kind}(${expressionKey(expression.left)},${expressionKey(expression.right)})`
    case 'not':
      return `not(${expressionKey(expression.operand)})`
    case 'compare':
      return `${expression.operator}(${expressionKey(expression.left)},${expressionKey(expression.right)})`
    case 'in':
      return `${expression.negated ? 'notin' : 'in'}(${expressionKey(expression.subject)},${expressionKey(expression.list)})`
    case 'contains':
      return `contains(${expressionKey(expression.subject)},${expressionKey(expression.item)})`
    case 'is':
      return `${expression.negated ? 'isnot' : 'is'}(${expressionKey(expression.subject)},${expression.value.text})`
    case 'parens':
      return expressionKey(expression.expression)
    case 'path':
      return expression.text
    case 'number':
      return `n:${expression.value}`
    case 'string':
      return JSON.stringify(expression.value)
    case 'boolean':
      return String(expression.value)
    case 'money':
      return expression.amounts.map((a) => `${a.amount}${a.currency.text}`).join('|')
    case 'duration':
      return `d:${expression.value}${expression.unit}`
    case 'percent':
      return `p:${expression.value}`
    case 'list':
      return `[${expression.items.map(expressionKey).join(',')}]`
  }
}
