import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { captureCli } from './cli-harness.js'

const CLEAN = `policy "p" {
  currencies USD
  segment all {
    day 1 email "reminder"
  }
}
`
const WRONG = CLEAN.replace(
  'day 1 email "reminder"',
  'day 1 email "reminder" when invoice.amount > 5 USD',
)
const WARNING = CLEAN.replace('segment all {', 'segment pro when customer.plan == "pro" {')

const cli = captureCli('check')

describe('dun check', () => {
  it('exits 0 and says so when there is nothing to report', async () => {
    expect(await main(['check', cli.file('a.dun', CLEAN), cli.file('b.dun', CLEAN)])).toBe(0)
    expect(cli.stdout).toBe('2 files checked: no problems\n')
  })

  it('prints each error with its position, the line, a caret under the range and the hint', async () => {
    const path = cli.file('wrong.dun', WRONG)
    expect(await main(['check', path])).toBe(1)
    const lines = cli.stdout.split('\n')
    expect(lines[0]).toMatch(
      new RegExp(`^${path}:4:33: error DUN101 Unknown fact 'invoice.amount'`),
    )
    expect(lines[1]).toBe('   4 |     day 1 email "reminder" when invoice.amount > 5 USD')
    expect(lines[2]).toBe(`     | ${' '.repeat(32)}${'^'.repeat('invoice.amount'.length)}`)
    expect(lines[3]).toBe('  hint: Write invoice.amount_due.')
    expect(lines.at(-2)).toBe('1 file checked: 1 error, 0 warnings')
  })

  it('exits 0 on warnings only', async () => {
    expect(await main(['check', cli.file('w.dun', WARNING)])).toBe(0)
    expect(cli.stdout).toContain('warning DUN302')
  })

  it('prints the diagnostics as JSON with --json', async () => {
    const path = cli.file('wrong.dun', WRONG)
    expect(await main(['check', '--json', path])).toBe(1)
    const diagnostics = JSON.parse(cli.stdout) as {
      file: string
      code: string
      range: { line: number }
    }[]
    expect(diagnostics.map((d) => [d.file, d.code, d.range.line])).toEqual([[path, 'DUN101', 4]])
  })

  it('fails in one line with exit 2 on a missing file or an unknown flag', async () => {
    expect(await main(['check', cli.file('a.dun', CLEAN), join(cli.dir, 'missing.dun')])).toBe(2)
    expect(cli.stderr).toMatch(
      /^dun: check: cannot read .*missing\.dun: no such file; check the path\n$/,
    )
    expect(cli.stdout).toBe('')
    const before = cli.stderr.length
    expect(await main(['check', '--colour', cli.file('a.dun', CLEAN)])).toBe(2)
    expect(cli.stderr.slice(before).trim().split('\n')).toHaveLength(1)
  })
})
