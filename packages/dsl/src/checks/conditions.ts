import type { BinaryLogic, Expression, PauseRule, StopRule } from '../ast.js'
import { CODES } from '../codes.js'
import { describeType, typeOf, type StaticType } from '../types.js'
import { constantTruth } from './constant.js'
import type { CheckSet, Report } from './registry.js'

/** How to turn a value of this type into a condition. */
function conditionHint(expression: Expression, type: StaticType): string {
  const text = expression.kind === 'path' ? expression.text : 'the value'
  switch (type.kind) {
    case 'money':
      return `Compare it, e.g. ${text} > 100 USD.`
    case 'enum':
      return `Write ${text} is ${type.values[0] ?? 'value'}.`
    case 'list':
      return `Write ${text} contains "vip".`
    case 'instant':
      return `Compare it with another date, e.g. ${text} > now.`
    case 'duration':
      return `Compare it with a duration, e.g. ${text} > 30 days.`
    default:
      return `Compare it with a value, e.g. ${text} == "enterprise" or ${text} > 3.`
  }
}

/** A `when`, or an operand of and/or/not, must be true or false. */
function requireCondition(expression: Expression, report: Report): void {
  const type = typeOf(expression)
  if (type.kind === 'boolean' || type.kind === 'unknown') return
  const what = expression.kind === 'path' ? expression.text : 'this value'
  report({
    code: CODES.notACondition,
    at: expression,
    message: `A condition must be true or false, but ${what} is ${describeType(type)}.`,
    hint: conditionHint(expression, type),
  })
}

function checkAlwaysHolds(rule: StopRule | PauseRule, report: Report): void {
  if (constantTruth(rule.when) !== true) return
  const effect = rule.kind === 'stop' ? 'ends every case' : 'holds every step back'
  report({
    code: CODES.stepNeverFires,
    at: rule.when,
    message: `'${rule.kind} when' always holds: it ${effect}, so no step can ever fire.`,
    hint: `Give '${rule.kind} when' a condition on facts, e.g. invoice.balance <= 0.`,
  })
}

function checkLogicOperands(node: BinaryLogic, report: Report): void {
  requireCondition(node.left, report)
  requireCondition(node.right, report)
}

export const conditionChecks: CheckSet = {
  stop: [(node, report) => requireCondition(node.when, report), checkAlwaysHolds],
  pause: [(node, report) => requireCondition(node.when, report), checkAlwaysHolds],
  segment: [(node, report) => node.when !== null && requireCondition(node.when, report)],
  step: [(node, report) => node.when !== null && requireCondition(node.when, report)],
  and: [checkLogicOperands],
  or: [checkLogicOperands],
  not: [(node, report) => requireCondition(node.operand, report)],
}
