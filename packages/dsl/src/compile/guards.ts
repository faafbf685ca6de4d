import type { Condition } from '@dun/engine'
import type { Expression, Operand } from '../ast.js'
import { toCondition } from './expression.js'
import { expressionText } from './expression-text.js'

/** What a step's `when` compiles to: the last condition of its rules, and the plan's text. */
export interface CompiledGuard {
  readonly condition: Condition
  readonly text: string
}

/**
 * Compiles step guards, each distinct guard once. Policies repeat guards across steps and
 * segments (`when invoice.last_decline is soft`), and printing a guard's text is the
 * compiler's largest cost per step. Guards equal in every detail that compiling and
 * printing read share one result (compiled rules are read-only, see `compilePolicy`).
 */
export class GuardCompiler {
  private readonly compiled = new Map<string, CompiledGuard>()

  compile(guard: Expression): CompiledGuard {
    const key = exactKey(guard)
    let result = this.compiled.get(key)
    if (result === undefined) {
      result = { condition: { all: [toCondition(guard)] }, text: expressionText(guard) }
      this.compiled.set(key, result)
    }
    return result
  }
}

/**
 * A text that differs whenever two expressions could compile or print differently: every
 * operator, flag, parenthesis and literal as written. `expressionKey` is coarser on purpose
 * (it compares meanings, blind to parentheses and number spellings), so it cannot serve here.
 * Leaves cannot be confused: paths hold no `:`, `"` or brackets; literals carry a prefix.
 */
function exactKey(expression: Expression | Operand): string {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return `${expression.kind}(${exactKey(expression.left)},${exactKey(expression.right)})`
    case 'not':
      return `not(${exactKey(expression.operand)})`
    case 'compare':
      return `${expression.operator}(${exactKey(expression.left)},${exactKey(expression.right)})`
    case 'in':
      return `${expression.negated ? 'notin' : 'in'}(${exactKey(expression.subject)},${exactKey(expression.list)})`
    case 'contains':
      return `contains(${exactKey(expression.subject)},${exactKey(expression.item)})`
    case 'is':
      return `${expression.negated ? 'isnot' : 'is'}(${exactKey(expression.subject)},${expression.value.text})`
    case 'parens':
      return `(${exactKey(expression.expression)})`
    case 'path':
      return expression.text
    case 'number':
      return `n:${expression.text}`
    case 'string':
      return JSON.stringify(expression.value)
    case 'boolean':
      return `b:${expression.value}`
    case 'money':
      return `m:${expression.amounts.map((a) => `${a.amount} ${a.currency.text}`).join('|')}`
    case 'duration':
      return `d:${expression.value} ${expression.unit}`
    case 'percent':
      return `p:${expression.value}`
    case 'list':
      return `[${expression.items.map(exactKey).join(',')}]`
  }
}
