/**
 * Money is an integer amount of minor units (cents) with an ISO 4217 currency.
 * Minor-unit exponents come from the platform's ICU data (Intl), not a hand-kept table.
 */
export type Currency = string

/** Amounts per currency, in minor units: a threshold such as `5000 USD | 4500 EUR`. */
export type MoneyByCurrency = Readonly<Record<Currency, number>>

const supported = new Set<string>(Intl.supportedValuesOf('currency'))
const exponents = new Map<string, number>()

export function isCurrency(code: string): boolean {
  return supported.has(code)
}

/** Number of decimals in the currency's minor unit: 2 for USD, 0 for JPY, 3 for BHD. */
export function minorUnitExponent(currency: Currency): number {
  let exponent = exponents.get(currency)
  if (exponent === undefined) {
    exponent =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    exponents.set(currency, exponent)
  }
  return exponent
}

/**
 * Converts a decimal string in major units ("1234.5", "-0.01") to integer minor units,
 * without going through floating point. Returns an error message when the text is not a
 * plain decimal or carries more decimals than the currency has.
 */
export function parseMajorUnits(
  text: string,
  currency: Currency,
): { ok: true; minor: number } | { ok: false; error: string } {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text.trim())
  if (!match) return { ok: false, error: `"${text}" is not a decimal amount` }
  const [, sign, whole = '', fraction = ''] = match
  const exponent = minorUnitExponent(currency)
  const digits = fraction.replace(/0+$/, '')
  if (digits.length > exponent) {
    return {
      ok: false,
      error: `"${text}" has more decimals than ${currency} allows (${exponent})`,
    }
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0').slice(0, exponent))
  if (!Number.isSafeInteger(minor)) return { ok: false, error: `"${text}" is too large` }
  return { ok: true, minor: sign === '-' ? -minor : minor }
}

/** Formats minor units as a plain decimal string in major units: 123456 USD → "1234.56". */
export function formatMajorUnits(minor: number, currency: Currency): string {
  const exponent = minorUnitExponent(currency)
  const negative = minor < 0
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = exponent > 0 ? '.' + digits.slice(digits.length - exponent) : ''
  return (negative ? '-' : '') + whole + fraction
}

/** Human display, e.g. "$1,234.56" or "€45.00". */
export function formatMoney(minor: number, currency: Currency, locale = 'en'): string {
  const exponent = minorUnitExponent(currency)
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    minor / 10 ** exponent,
  )
}
