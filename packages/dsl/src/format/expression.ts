import type { BinaryLogic, Expression, Operand } from '../ast.js'
import { group, indent, join, line, type Doc } from './doc.js'
import { printOnOneLine } from './printer.js'
import {
  canonicalNumber,
  printDuration,
  printMoney,
  printPercent,
  printString,
} from './literals.js'

/**
 * An expression as a document. A chain of `and` (or of `or`) is one group: flat when it fits,
 * otherwise one operand per line, each continuation line starting with its operator. An `and`
 * chain inside an `or` chain breaks one step deeper than the `or` lines, so precedence stays visible.
 */
export function printExpression(expression: Expression): Doc {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return printChain(expression)
    case 'not':
      return ['not ', printExpression(expression.operand)]
    case 'compare':
      return [
        printOperand(expression.left),
        ` ${expression.operator} `,
        printOperand(expression.right),
      ]
    case 'in':
      return [
        printOperand(expression.subject),
        expression.negated ? ' not in ' : ' in ',
        printOperand(expression.list),
      ]
    case 'contains':
      return [printOperand(expression.subject), ' contains ', printOperand(expression.item)]
    case 'is':
      return [
        printOperand(expression.subject),
        expression.negated ? ' is not ' : ' is ',
        expression.value.text,
      ]
    default:
      return printOperand(expression)
  }
}

function printChain(chain: BinaryLogic): Doc {
  const operands = flattenChain(chain, chain.kind)
  const [first, ...rest] = operands.map(printExpression)
  // The first operand of an `or` chain is not inside the chain's indent: give its own `and`
  // continuation lines the same depth as those of the later operands.
  const head = chain.kind === 'or' && operands[0]?.kind === 'and' ? indent(first ?? '') : first
  return group([head ?? '', indent(rest.map((operand) => [line, chain.kind, ' ', operand]))])
}

/** `a and b and c` parses as nested nodes; it prints as one list of operands. */
function flattenChain(expression: Expression, kind: BinaryLogic['kind']): Expression[] {
  if (expression.kind !== kind) return [expression]
  return [...flattenChain(expression.left, kind), ...flattenChain(expression.right, kind)]
}

export function printOperand(operand: Operand): Doc {
  switch (operand.kind) {
    case 'path':
      return operand.segments.map((segment) => segment.text).join('.')
    case 'number':
      return canonicalNumber(operand.text)
    case 'string':
      return printString(operand.value)
    case 'boolean':
      return String(operand.value)
    case 'money':
      return printMoney(operand)
    case 'duration':
      return printDuration(operand)
    case 'percent':
      return printPercent(operand.value)
    case 'list':
      return ['[', join(', ', operand.items.map(printOperand)), ']']
    case 'parens':
      return ['(', printExpression(operand.expression), ')']
  }
}

/**
 * An expression in canonical form on one line, for texts derived from the tree (the
 * compiler's guard and segment texts): the same words the formatter prints, so they stay
 * the same when a policy is only reformatted.
 */
export function expressionText(expression: Expression): string {
  return printOnOneLine(printExpression(expression))
}
