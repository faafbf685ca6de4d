import { parseMajorUnits } from '@dun/engine'
import type { Given, Operand, RelativeDay } from '../ast.js'
import type { SourceRange } from '../source-range.js'
import { dayStart, type TestCalendar } from './default-facts.js'

/** A `given` the runner cannot apply: the test fails with this message, at this place. */
export class GivenError extends Error {
  constructor(
    message: string,
    readonly range: SourceRange,
  ) {
    super(message)
  }
}

export type GivenValue = Given['value']

function unwrap(value: GivenValue): Operand | RelativeDay {
  let current = value
  while (current.kind === 'parens' && isLiteralOperand(current.expression))
    current = current.expression
  return current
}

function isLiteralOperand(node: { kind: string }): node is Operand {
  return ['number', 'string', 'boolean', 'money', 'duration', 'percent', 'list'].includes(node.kind)
}

function wrong(value: GivenValue, path: string, expected: string): GivenError {
  return new GivenError(`${path} needs ${expected}`, value.range)
}

export function stringValue(value: GivenValue, path: string): string {
  const v = unwrap(value)
  if (v.kind === 'string') return v.value
  throw wrong(value, path, 'a text in quotes, e.g. "pro"')
}

export function numberValue(value: GivenValue, path: string): number {
  const v = unwrap(value)
  if (v.kind === 'number') return v.value
  throw wrong(value, path, 'a number, e.g. 3')
}

export function booleanValue(value: GivenValue, path: string): boolean {
  const v = unwrap(value)
  if (v.kind === 'boolean') return v.value
  throw wrong(value, path, 'true or false')
}

export function enumValue<T extends string>(
  value: GivenValue,
  path: string,
  values: readonly T[],
): T {
  const text = stringValue(value, path)
  const found = values.find((v) => v === text)
  if (found !== undefined) return found
  throw new GivenError(`${path} is one of ${values.join(', ')}, not "${text}"`, value.range)
}

export function listValue(value: GivenValue, path: string): string[] {
  const v = unwrap(value)
  if (v.kind === 'list') return v.items.map((item) => stringValue(item, path))
  throw wrong(value, path, 'a list of texts, e.g. ["vip"]')
}

export interface GivenMoney {
  readonly minor: number
  readonly currency: string
}

export function moneyValue(value: GivenValue, path: string): GivenMoney {
  const v = unwrap(value)
  const amount = v.kind === 'money' && v.amounts.length === 1 ? v.amounts[0] : undefined
  if (!amount) throw wrong(value, path, 'one amount with its currency, e.g. 250 USD')
  const parsed = parseMajorUnits(amount.amount, amount.currency.text)
  if (!parsed.ok) throw new GivenError(parsed.error, amount.range)
  return { minor: parsed.minor, currency: amount.currency.text }
}

/** `day N` (local midnight N days after the due date) or an ISO-8601 time with an offset. */
export function instantValue(value: GivenValue, path: string, calendar: TestCalendar): number {
  const v = unwrap(value)
  if (v.kind === 'relativeDay') return dayStart(calendar, v.day)
  if (
    v.kind === 'string' &&
    /T.*(Z|[+-]\d\d:\d\d)$/.test(v.value) &&
    !Number.isNaN(Date.parse(v.value))
  ) {
    return Date.parse(v.value)
  }
  throw wrong(
    value,
    path,
    'a day relative to the due date (day 10) or a time such as "2026-02-01T09:00:00Z"',
  )
}
