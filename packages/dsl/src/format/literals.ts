import { isCurrency, minorUnitExponent } from '@dun/engine'
import type { DurationLiteral, MoneyLiteral, TimeOfDay } from '../ast.js'

/**
 * Canonical spellings of literal values. Each keeps the value the compiler reads and only
 * drops what the writer was free to vary (signs, zeros, padding, plurals).
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/

/** `+007.50` → `7.5`, `.5` → `0.5`, `-0.0` → `-0`; text that is not a plain decimal is kept. */
export function canonicalNumber(text: string): string {
  const match = DECIMAL.exec(text)
  if (!match) return text
  const [, sign = '', whole = '', fraction = ''] = match
  return joinDecimal(sign, whole, fraction.replace(/0+$/, ''))
}

/**
 * A money amount in major units: zeros trimmed, and a non-zero fraction written with the
 * currency's decimals (`49.9 USD` → `49.90 USD`, `5000.00 USD` → `5000 USD`).
 */
export function canonicalAmount(text: string, currency: string): string {
  const match = DECIMAL.exec(text)
  if (!match) return text
  const [, sign = '', whole = '', fraction = ''] = match
  const digits = fraction.replace(/0+$/, '')
  const exponent = digits.length > 0 && isCurrency(currency) ? minorUnitExponent(currency) : 0
  return joinDecimal(sign, whole, digits.padEnd(exponent, '0'))
}

function joinDecimal(sign: string, whole: string, fraction: string): string {
  const integer = whole.replace(/^0+(?=\d)/, '') || '0'
  return (sign === '-' ? '-' : '') + integer + (fraction.length > 0 ? '.' + fraction : '')
}

export function printMoney(money: MoneyLiteral): string {
  return money.amounts
    .map(
      (amount) => `${canonicalAmount(amount.amount, amount.currency.text)} ${amount.currency.text}`,
    )
    .join(' | ')
}

/** `8:0` → `08:00`. */
export function printTime(time: TimeOfDay): string {
  return `${String(time.hours).padStart(2, '0')}:${String(time.minutes).padStart(2, '0')}`
}

/** `1 days` → `1 day`, `7 day` → `7 days`. */
export function printDuration(duration: DurationLiteral): string {
  const value = canonicalNumber(String(duration.value))
  return `${value} ${duration.unit}${duration.value === 1 ? '' : 's'}`
}

export function printPercent(value: number): string {
  return `${canonicalNumber(String(value))}%`
}

/** Double quotes, with the two escapes the lexer knows. */
export function printString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => '\\' + char)}"`
}
