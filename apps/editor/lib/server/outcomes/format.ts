import { formatMoney } from '@dun/engine'

/** A share as a percentage with one decimal: "42.3%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** A count of cases, or of credited payments (fractional under position-based credit). */
export function count(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString('en')
    : value.toLocaleString('en', { maximumFractionDigits: 1 })
}

/** Minor units in their own currency, never converted: "$1,234.56". */
export function money(minor: number, currency: string): string {
  return formatMoney(Math.round(minor), currency)
}

/** Whole days: "1 day", "12 days". */
export function days(value: number): string {
  return `${value} ${value === 1 ? 'day' : 'days'}`
}

/** Days with one decimal, for means: "11.2 days". */
export function meanDays(value: number): string {
  return `${value.toFixed(1)} days`
}

/** A timestamp to the second, in UTC: "2026-11-26 01:02:03 UTC". */
export function utc(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`
}
