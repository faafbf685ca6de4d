import { check } from '../src/check.js'
import type { Diagnostic } from '../src/diagnostic.js'

/** A diagnostic reduced to what tests assert: its code and the source text its range covers. */
export interface Finding {
  readonly code: string
  readonly text: string
}

export function findings(source: string): Finding[] {
  return check(source).diagnostics.map((d) => ({
    code: d.code,
    text: source.slice(d.range.offset, d.range.offset + d.range.length),
  }))
}

export function diagnosticsOf(source: string, code: string): Diagnostic[] {
  return check(source).diagnostics.filter((d) => d.code === code)
}

/** The codes found, without duplicates, sorted: for "nothing else is reported" assertions. */
export function codes(source: string): string[] {
  return [...new Set(check(source).diagnostics.map((d) => d.code))].sort()
}

/**
 * A valid policy (USD and EUR, a catch-all) with `items` added before its segments and
 * `steps` in its catch-all, followed by `tests`.
 */
export function policy({
  items = '',
  segments = '',
  steps = 'day 1 email "reminder"',
  tests = '',
}: {
  items?: string
  segments?: string
  steps?: string
  tests?: string
}): string {
  return `policy "p" {
  currencies USD, EUR
  ${items}
  ${segments}
  segment everyone {
    ${steps}
  }
}
${tests}
`
}
