import type { ConditionValue } from '@dun/engine'
import type { Operand } from '../ast.js'
import { CompileError } from './compile-error.js'
import { durationMs } from './durations.js'

/** An operand with redundant parentheses removed: `(invoice.amount_due)` is the path. */
export function unwrapOperand(operand: Operand): Operand {
  let current: Operand = operand
  while (current.kind === 'parens' && isOperand(current.expression)) {
    current = current.expression
  }
  return current
}

function isOperand(node: { kind: string }): node is Operand {
  return OPERAND_KINDS.has(node.kind)
}

const OPERAND_KINDS = new Set<string>([
  'path',
  'number',
  'string',
  'boolean',
  'money',
  'duration',
  'percent',
  'list',
  'parens',
])

/**
 * The JSON value a literal compares as: durations in milliseconds (the unit of duration
 * facts), percentages as plain numbers, lists as arrays of scalars. Money is not a single
 * value (it needs one comparison per currency) and is handled by the caller.
 */
export function literalValue(operand: Operand): ConditionValue {
  const literal = unwrapOperand(operand)
  switch (literal.kind) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'percent':
      return literal.value
    case 'duration':
      return durationMs(literal)
    case 'list':
      return literal.items.map(scalarValue)
    case 'money':
    case 'path':
    case 'parens':
      throw new CompileError(
        'this value cannot be compiled here',
        literal.range,
        'Compare a fact with a number, text, duration or list, e.g. `customer.plan == "pro"`.',
      )
  }
}

function scalarValue(item: Operand): string | number {
  const value = literalValue(item)
  if (typeof value === 'string' || typeof value === 'number') return value
  throw new CompileError(
    'a list may only hold texts and numbers',
    item.range,
    'Write the list as ["a", "b"] or [1, 2].',
  )
}
