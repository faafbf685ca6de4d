import type { Comparison, ComparisonOperator, Contains, InList, IsCheck, Operand } from '../ast.js'
import { CODES } from '../codes.js'
import { didYouMean, didYouMeanPhrase, listChoices } from '../did-you-mean.js'
import { describeType, typeOf, type StaticType } from '../types.js'
import { operandText } from './operand-text.js'
import { choicesFor, fixesFor, type CheckSet, type Problem, type Report } from './registry.js'
import type { Scope } from './scope.js'

const ORDERING: ReadonlySet<ComparisonOperator> = new Set(['<', '<=', '>', '>='])

/**
 * What is wrong with comparing `subject` to `other` (or null). The subject is the side an
 * analyst reads as "the fact", so the problem points at the other side: the value to fix.
 */
function pairProblem(
  subject: Operand,
  other: Operand,
  operator: ComparisonOperator,
  scope: Scope,
): Problem | null {
  const a = typeOf(subject)
  const b = typeOf(other)
  if (a.kind === 'unknown' || b.kind === 'unknown') return null
  if (a.kind === b.kind) return sameKindProblem(subject, other, a, b, operator)
  if (a.kind === 'enum' && b.kind === 'string') {
    return ORDERING.has(operator)
      ? orderingProblem(subject, operator, a)
      : enumValueProblem(subject, other, a.values)
  }
  if (b.kind === 'enum' && a.kind === 'string') return pairProblem(other, subject, operator, scope)
  // Zero is the same in every currency and every unit: `invoice.balance <= 0` needs none.
  if (
    (a.kind === 'money' || a.kind === 'duration') &&
    other.kind === 'number' &&
    other.value === 0
  ) {
    return null
  }
  return mismatch(subject, other, a, b, scope)
}

function sameKindProblem(
  subject: Operand,
  other: Operand,
  a: StaticType,
  b: StaticType,
  operator: ComparisonOperator,
): Problem | null {
  if (a.kind === 'money' && b.kind === 'money') {
    if (a.currencyPath !== null && b.currencyPath !== null && a.currencyPath !== b.currencyPath) {
      return {
        code: CODES.crossCurrency,
        at: other,
        message: `${operandText(subject)} is in ${a.currencyPath} but ${operandText(other)} is in ${b.currencyPath}: they can be different currencies.`,
        hint: 'Compare each with an amount per currency, e.g. > 5000 USD | 4500 EUR.',
      }
    }
    return null
  }
  if (
    ORDERING.has(operator) &&
    (a.kind === 'string' || a.kind === 'boolean' || a.kind === 'enum')
  ) {
    return orderingProblem(subject, operator, a)
  }
  if (subject.kind === 'path' && other.kind === 'path' && subject.text === other.text) {
    return {
      code: CODES.constantComparison,
      at: other,
      message: `${subject.text} is compared with itself: the result never changes.`,
      hint: 'Compare it with another fact or a value.',
    }
  }
  return null
}

function orderingProblem(subject: Operand, operator: string, type: StaticType): Problem {
  return {
    code: CODES.orderingNotDefined,
    at: subject,
    message: `'${operator}' needs numbers, money, dates or durations, but ${operandText(subject)} is ${describeType(type)}.`,
    hint:
      type.kind === 'boolean'
        ? `Write ${operandText(subject)} or not ${operandText(subject)}.`
        : 'Use == or != (or `in [...]`) to compare text.',
  }
}

/** An enum compared with a string literal the enum never holds. */
function enumValueProblem(
  subject: Operand,
  other: Operand,
  values: readonly string[],
): Problem | null {
  if (other.kind !== 'string' || values.includes(other.value)) return null
  const suggestion = didYouMean(other.value, values)
  return {
    code: CODES.unknownEnumValue,
    at: other,
    message: `${operandText(subject)} is never ${JSON.stringify(other.value)}.${didYouMeanPhrase(suggestion)}`,
    hint: `${operandText(subject)} is one of ${listChoices(values)}.`,
    ...fixesFor(
      other,
      choicesFor(suggestion, values).map((value) => JSON.stringify(value)),
    ),
  }
}

/** Values of different kinds: the hint says how to write the value in the subject's kind. */
function mismatch(
  subject: Operand,
  other: Operand,
  a: StaticType,
  b: StaticType,
  scope: Scope,
): Problem {
  const base = {
    code: CODES.typeMismatch,
    at: other,
    message: `${operandText(subject)} is ${describeType(a)} but ${operandText(other)} is ${describeType(b)}.`,
  }
  if (a.kind === 'money' && other.kind === 'number') {
    const currencies = scope.currencyCodes.size > 0 ? [...scope.currencyCodes] : ['USD']
    const amount = currencies.map((currency) => `${other.text} ${currency}`).join(' | ')
    return {
      ...base,
      message: `${base.message} Compare money with money.`,
      hint: `Write ${amount}.`,
      ...fixesFor(other, [amount]),
    }
  }
  if (a.kind === 'duration' && other.kind === 'number') {
    const duration = `${other.text} days`
    return {
      ...base,
      message: `${base.message} Compare a duration with a duration.`,
      hint: `Write ${duration}.`,
      ...fixesFor(other, [duration]),
    }
  }
  if (a.kind === 'instant') {
    return { ...base, hint: 'Compare a date with another date, such as now or invoice.due_at.' }
  }
  if (a.kind === 'list') {
    return {
      ...base,
      hint: `To test membership, write ${operandText(subject)} contains ${operandText(other)}.`,
    }
  }
  return { ...base, hint: `Compare ${operandText(subject)} with ${describeType(a)}.` }
}

/** The literal side is the one to fix; with two facts (or two literals) the left one leads. */
function checkCompare(node: Comparison, report: Report, scope: Scope): void {
  const flipped = node.left.kind !== 'path' && node.right.kind === 'path'
  const problem = flipped
    ? pairProblem(node.right, node.left, node.operator, scope)
    : pairProblem(node.left, node.right, node.operator, scope)
  if (problem !== null) report(problem)
}

function checkIn(node: InList, report: Report, scope: Scope): void {
  for (const item of node.list.items) {
    const problem = pairProblem(node.subject, item, '==', scope)
    if (problem === null) continue
    report(problem.code === CODES.typeMismatch ? { ...problem, code: CODES.listItemType } : problem)
  }
}

function checkContains(node: Contains, report: Report): void {
  const subject = typeOf(node.subject)
  if (subject.kind === 'unknown') return
  if (subject.kind !== 'list') {
    report({
      code: CODES.containsOnNonList,
      at: node.subject,
      message: `'contains' needs a list, but ${operandText(node.subject)} is ${describeType(subject)}.`,
      hint: `Write ${operandText(node.subject)} == ${operandText(node.item)}, or use a list fact such as customer.tags.`,
    })
    return
  }
  const item = typeOf(node.item)
  if (item.kind !== 'string' && item.kind !== 'unknown') {
    report({
      code: CODES.typeMismatch,
      at: node.item,
      message: `${operandText(node.subject)} holds text, but ${operandText(node.item)} is ${describeType(item)}.`,
      hint: 'Write the item as text in double quotes, e.g. "vip".',
    })
    return
  }
  if (subject.values) {
    const problem = enumValueProblem(node.subject, node.item, subject.values)
    if (problem !== null) report(problem)
  }
}

function checkIs(node: IsCheck, report: Report): void {
  const subject = typeOf(node.subject)
  if (subject.kind === 'unknown') return
  if (subject.kind !== 'enum') {
    report({
      code: CODES.isOnNonEnum,
      at: node.subject,
      message: `'is' needs a fact with named values (such as invoice.last_decline), but ${operandText(node.subject)} is ${describeType(subject)}.`,
      hint:
        subject.kind === 'boolean'
          ? `Write ${operandText(node.subject)} or not ${operandText(node.subject)}.`
          : `Write ${operandText(node.subject)} == "${node.value.text}".`,
    })
    return
  }
  if (subject.values.includes(node.value.text)) return
  const suggestion = didYouMean(node.value.text, subject.values)
  report({
    code: CODES.unknownEnumValue,
    at: node.value,
    message: `${operandText(node.subject)} is never '${node.value.text}'.${didYouMeanPhrase(suggestion)}`,
    hint: `${operandText(node.subject)} is one of ${listChoices(subject.values)}.`,
    ...fixesFor(node.value, choicesFor(suggestion, subject.values)),
  })
}

export const comparisonChecks: CheckSet = {
  compare: [checkCompare],
  in: [checkIn],
  contains: [checkContains],
  is: [checkIs],
}
