import { CHANNELS, isChannel, type Channel } from '../channels.js'
import { DECLINE_CLASSES, INVOICE_STATUSES } from '../facts/input.js'
import { isCurrency, minorUnitExponent, parseMajorUnits, type Currency } from '../money.js'
import { CellProblem, type CellParser } from './cell-problem.js'
import { canonicalDeclineCode, type DeclineClass } from './decline-codes.js'

/** How a boolean cell may be written, whatever the case. */
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
}

export const parseBoolean: CellParser<boolean> = (text) => {
  const value = BOOLEANS[text.toLowerCase()]
  if (value === undefined) {
    throw new CellProblem('is not a yes/no value', 'write true/false, yes/no, y/n or 1/0')
  }
  return value
}

/**
 * Amount layouts, named by how 1234.56 looks in them. A plain decimal is read digit by
 * digit; other text is normalised to one and handed to `parseMajorUnits`, so no amount
 * ever passes through a float.
 */
export const AMOUNT_FORMATS = ['1234.56', '1,234.56', '1234,56', '1.234,56', '1 234,56'] as const
export type AmountFormat = (typeof AMOUNT_FORMATS)[number]

const AMOUNT_SEPARATORS: Readonly<
  Record<AmountFormat, { thousands: RegExp | null; decimal: string }>
> = {
  '1234.56': { thousands: null, decimal: '.' },
  '1,234.56': { thousands: /,/g, decimal: '.' },
  '1234,56': { thousands: null, decimal: ',' },
  '1.234,56': { thousands: /\./g, decimal: ',' },
  '1 234,56': { thousands: /[\s\u00a0\u202f]/g, decimal: ',' },
}

/**
 * The common case read by character codes, without a regex: digits, then the decimal
 * mark and at most as many digits as the currency has decimals. Null for anything else
 * (a sign, thousands separators, more decimals, a huge number), which `parseMajorUnits`
 * reads or rejects.
 */
function plainMinorUnits(text: string, decimal: string, currency: Currency): number | null {
  const mark = decimal.charCodeAt(0)
  let minor = 0
  let digits = 0
  let decimals = -1
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === mark && decimals < 0 && digits > 0) {
      decimals = 0
      continue
    }
    const digit = code - ZERO
    if (!(digit >= 0 && digit <= 9) || digits === MAX_PLAIN_DIGITS) return null
    minor = minor * 10 + digit
    digits++
    if (decimals >= 0) decimals++
  }
  if (digits === 0) return null
  // only now, as parseMajorUnits does: the text is a plain decimal
  const exponent = minorUnitExponent(currency)
  if (decimals > exponent) return null
  for (let pad = Math.max(decimals, 0); pad < exponent; pad++) minor *= 10
  return Number.isSafeInteger(minor) ? minor : null
}

/** Up to 15 digits are added up exactly (below 2^53). */
const MAX_PLAIN_DIGITS = 15
const ZERO = 48

/** Amount in major units → integer minor units of the row's currency. */
export function amountParser(format: AmountFormat): (text: string, currency: Currency) => number {
  const { thousands, decimal } = AMOUNT_SEPARATORS[format]
  return (text, currency) => {
    const minor = plainMinorUnits(text, decimal, currency)
    if (minor !== null) return minor
    let plain = thousands ? text.replace(thousands, '') : text
    if (decimal === ',') plain = plain.replace(',', '.')
    const parsed = parseMajorUnits(plain, currency)
    if (!parsed.ok) {
      throw new CellProblem(
        `is not an amount in format ${format} for ${currency}`,
        'amounts are in major units (1234.50); set amount_format in the mapping for other layouts',
      )
    }
    return parsed.minor
  }
}

export const parseInteger: CellParser<number> = (text) => {
  if (!/^\d+$/.test(text))
    throw new CellProblem('is not a whole number', 'write digits only, e.g. 3')
  return Number(text)
}

export const parseDecimal: CellParser<number> = (text) => {
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new CellProblem('is not a number', 'write a plain decimal, e.g. 4.5')
  }
  return Number(text)
}

export const parseString: CellParser<string> = (text) => text

export const parseCurrency: CellParser<Currency> = (text) => {
  const code = text.toUpperCase()
  if (!isCurrency(code))
    throw new CellProblem('is not an ISO 4217 currency', 'write USD, EUR, GBP…')
  return code
}

/**
 * Zones already checked (building an Intl formatter per row would dominate the read), each
 * kept once: every row of a zone gets the same string, so the calendar's lookups
 * compare one pointer, and the rows do not keep the chunks their cells were cut from.
 */
const knownZones = new Map<string, string>([['UTC', 'UTC']])

export const parseTimeZone: CellParser<string> = (text) => {
  const known = knownZones.get(text)
  if (known !== undefined) return known
  try {
    new Intl.DateTimeFormat('en', { timeZone: text })
  } catch {
    throw new CellProblem('is not an IANA time zone', 'write e.g. Europe/Berlin or UTC')
  }
  knownZones.set(text, text)
  return text
}

/** Lists (tags, channel opt-outs) in one cell, split by the mapping's separator. */
export function listParser(separator: string): CellParser<string[]> {
  return (text) =>
    text
      .split(separator)
      .map((item) => item.trim())
      .filter((item) => item !== '')
}

/** Channel opt-outs in one cell: every item must be a channel. */
export function channelListParser(separator: string): CellParser<Channel[]> {
  const items = listParser(separator)
  return (text) => {
    const names = items(text)
    const wrong = names.find((name) => !isChannel(name))
    if (wrong !== undefined) {
      throw new CellProblem(`names '${wrong}', not a channel`, `write ${CHANNELS.join(', ')}`)
    }
    return names as Channel[]
  }
}

/** Status words billing systems export, mapped onto ours. */
const STATUSES: Readonly<Record<string, (typeof INVOICE_STATUSES)[number]>> = {
  open: 'open',
  overdue: 'open',
  past_due: 'open',
  unpaid: 'open',
  due: 'open',
  paid: 'paid',
  settled: 'paid',
  void: 'void',
  voided: 'void',
  cancelled: 'void',
  canceled: 'void',
  uncollectible: 'uncollectible',
  written_off: 'uncollectible',
  bad_debt: 'uncollectible',
}

export const parseStatus: CellParser<(typeof INVOICE_STATUSES)[number]> = (text) => {
  const status =
    STATUSES[
      text
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    ]
  if (!status) {
    throw new CellProblem('is not an invoice status', `write one of ${INVOICE_STATUSES.join(', ')}`)
  }
  return status
}

export const parseDeclineClass: CellParser<DeclineClass> = (text) => {
  const value = text.toLowerCase()
  if (value !== 'hard' && value !== 'soft') {
    throw new CellProblem('is not a decline class', `write ${DECLINE_CLASSES.join(' or ')}`)
  }
  return value
}

export const parseDeclineCode: CellParser<string> = canonicalDeclineCode
