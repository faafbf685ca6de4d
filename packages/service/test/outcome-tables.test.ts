import { describe, expect, it } from 'vitest'
import {
  OUTCOME_TABLE_NAMES,
  outcomeTableName,
  parseOutcomeTableName,
  toCsv,
} from '../src/index.js'

describe('outcome table names', () => {
  it('name each exportable table once and parse back to it', () => {
    expect(new Set(OUTCOME_TABLE_NAMES).size).toBe(OUTCOME_TABLE_NAMES.length)
    expect(OUTCOME_TABLE_NAMES).toHaveLength(5 + 4 + 3 + 3)
    for (const name of OUTCOME_TABLE_NAMES) {
      const table = parseOutcomeTableName(name)
      expect(table, name).not.toBeNull()
      if (table) expect(outcomeTableName(table)).toBe(name)
    }
  })

  it('refuse what is no table', () => {
    for (const name of ['', 'funnel-by-step', 'attribution-by-cohort', 'recovery', 'dso.csv']) {
      expect(parseOutcomeTableName(name), name).toBeNull()
    }
  })

  it('write RFC 4180 CSV: quoted when needed, CRLF lines', () => {
    expect(toCsv(['a', 'b'], [['x, "y"', 1]])).toBe('a,b\r\n"x, ""y""",1\r\n')
  })

  it('neutralize text a spreadsheet would run as a formula, leaving numbers as they are', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '\rx']
    expect(toCsv(['template'], [...names.map((n) => [n]), ['plain'], [-2], [1.5]])).toBe(
      [
        'template',
        `"'=HYPERLINK(""http://x"",""y"")"`,
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        `"'\rx"`,
        'plain',
        '-2',
        '1.5',
        '',
      ].join('\r\n'),
    )
  })
})
