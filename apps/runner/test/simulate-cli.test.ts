import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { captureCli } from './cli-harness.js'

const examples = join(import.meta.dirname, '../../../examples')
const policy = join(examples, 'saas-cards.dun')
const other = join(examples, 'marketplace-multicurrency.dun')
const invoices = join(examples, 'data/sample-invoices.csv')
const customers = join(examples, 'data/sample-customers.csv')
const events = join(examples, 'data/sample-events.jsonl')
const samples = ['--invoices', invoices, '--customers', customers, '--events', events]
// two months of the samples: enough to exercise every path, quick on the reference engine
const twoMonths = ['--from', '2023-01-01', '--to', '2023-03-01']

const cli = captureCli('simulate')

const out = (name: string) => join(cli.dir, name)
const read = (name: string) => readFileSync(out(name), 'utf8')

describe('dun simulate on the committed samples', () => {
  it('prints a summary an analyst can read and writes the JSON report', async () => {
    expect(await main(['simulate', policy, ...samples, '--json', out('r.json')])).toBe(0)
    expect(cli.stdout).toContain('Simulation of policy "saas-cards"')
    expect(cli.stdout).toMatch(/Actions by type\n {2}account\s+\d/)
    expect(cli.stdout).toContain('rejected: currency GBP not in policy')
    expect(cli.stdout).toContain('No recovery estimate')
    const report = JSON.parse(read('r.json'))
    expect(report.format).toBe('dun.simulation/1')
    expect(report.input).toMatchObject({ invoicesRead: 3000, sortedByIssueDate: true })
    expect(report.input.rowErrors.total).toBe(0)
    expect(report.actions.total).toBeGreaterThan(0)
    expect(report.invoices.rejected.byCurrency.GBP).toBeGreaterThan(0)
  })

  it('writes byte-identical --json on the fast and the reference engine', async () => {
    const args = ['simulate', policy, ...samples, ...twoMonths]
    expect(await main([...args, '--json', out('fast.json')])).toBe(0)
    expect(await main([...args, '--engine', 'reference', '--json', out('ref.json')])).toBe(0)
    expect(JSON.parse(read('fast.json')).actions.total).toBeGreaterThan(10)
    expect(read('ref.json')).toBe(read('fast.json'))
  })

  it('writes one timeline line per executed action', async () => {
    const args = ['simulate', policy, ...samples, ...twoMonths, '--json', out('r.json')]
    expect(await main([...args, '--timeline', out('t.jsonl')])).toBe(0)
    const lines = read('t.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines).toHaveLength(JSON.parse(read('r.json')).actions.total)
    expect(Object.keys(lines[0]!)).toEqual([
      'invoice',
      'step',
      'action',
      'scheduledAt',
      'executedAt',
      'segment',
    ])
    expect(lines[0].action.type).toBeTypeOf('string')
    for (const line of lines)
      expect(Date.parse(line.executedAt)).toBeGreaterThanOrEqual(Date.parse(line.scheduledAt))
  })

  it('writes a self-contained HTML report with charts', async () => {
    expect(
      await main(['simulate', policy, ...samples, ...twoMonths, '--html', out('r.html')]),
    ).toBe(0)
    const html = read('r.html')
    expect(html.match(/<svg /g)?.length).toBe(3)
    expect(html).toContain('Actions per day by channel')
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
  })

  it('compares two policies side by side', async () => {
    const args = ['simulate', policy, ...samples, ...twoMonths, '--compare', other]
    expect(await main([...args, '--json', out('c.json'), '--html', out('c.html')])).toBe(0)
    expect(cli.stdout).toMatch(/saas-cards\s+marketplace-multicurrency\s+change/)
    const comparison = JSON.parse(read('c.json'))
    expect(comparison.format).toBe('dun.comparison/1')
    expect(comparison.base.policy.name).toBe('saas-cards')
    expect(comparison.candidate.policy.name).toBe('marketplace-multicurrency')
    expect(comparison.differences.length).toBeGreaterThan(0)
    // three charts per policy; a chart with nothing to show says so instead
    const html = read('c.html')
    expect(html.match(/<h4>Actions per day by channel<\/h4>/g)?.length).toBe(2)
    expect(html.match(/<svg |<p class="empty">/g)?.length).toBe(6)
  })

  it('estimates recovery with a declared response model and lists its assumptions', async () => {
    const model = out('model.json')
    writeFileSync(
      model,
      JSON.stringify({
        baselineCureRate: 0.25,
        uplifts: [{ channel: 'email', probability: 0.05 }],
      }),
    )
    const args = ['simulate', policy, ...samples, ...twoMonths, '--json', out('r.json')]
    expect(await main([...args, '--response-model', 'declared', model])).toBe(0)
    const { recovery } = JSON.parse(read('r.json'))
    expect(recovery.model).toBe('declared')
    expect(recovery.byCurrency.USD.estimatedRecovered).toBeGreaterThan(0)
    expect(cli.stdout).toContain('Response model assumptions')
    expect(cli.stdout).toContain('25% of dunned invoices are paid')
  })
})

describe('dun simulate: input problems', () => {
  const header = readFileSync(invoices, 'utf8').split('\n').slice(0, 40)

  it('lists row errors with row, column and reason, and counts them', async () => {
    const rows = [...header]
    rows[5] = rows[5]!.replace(/,(\d+\.\d\d),/, ',12x.5,')
    rows[9] = rows[9]!.replace(/,USD,|,EUR,|,GBP,/, ',XYZ,')
    const file = out('bad.csv')
    writeFileSync(file, rows.join('\n') + '\n')
    expect(await main(['simulate', policy, '--invoices', file, '--json', out('r.json')])).toBe(0)
    expect(cli.stdout).toMatch(/2 rows could not be used/)
    expect(cli.stdout).toMatch(/bad\.csv row 6, column 'amount_due': /)
    expect(cli.stdout).toMatch(/bad\.csv row 10, column 'currency': /)
    expect(JSON.parse(read('r.json')).input.rowErrors.total).toBe(2)
  })

  it('sorts unsorted invoices first and says so', async () => {
    const [head, ...rows] = header.filter((line) => line !== '')
    const file = out('unsorted.csv')
    writeFileSync(file, [head, ...rows.reverse()].join('\n') + '\n')
    expect(await main(['simulate', policy, '--invoices', file, '--timeline', out('t.jsonl')])).toBe(
      0,
    )
    expect(cli.stdout).toContain('not sorted by issue date')
  })

  it('prints the diagnostics of a policy with errors and exits 1', async () => {
    const broken = out('broken.dun')
    writeFileSync(
      broken,
      'policy "p" {\n  currencies USD\n  segment everyone {\n    day 1 emial "x"\n  }\n}\n',
    )
    expect(await main(['simulate', broken, '--invoices', invoices])).toBe(1)
    expect(cli.stderr).toMatch(/broken\.dun:4:\d+: error DUN\d+/)
    expect(cli.stdout).toBe('')
  })

  it('a missing file, an unknown flag or a bad value: one line, exit 2', async () => {
    expect(await main(['simulate', policy, '--invoices', out('nope.csv')])).toBe(2)
    expect(cli.stderr).toBe(
      `dun: simulate: cannot read ${out('nope.csv')}: no such file; check the path\n`,
    )
    cli.clear()
    expect(await main(['simulate', policy, '--invoices', invoices, '--speed', 'max'])).toBe(2)
    expect(cli.stderr.trim().split('\n')[0]).toMatch(/unknown option '--speed'/)
    cli.clear()
    expect(await main(['simulate', policy, '--invoices', invoices, '--from', '31/01/2023'])).toBe(2)
    expect(cli.stderr).toMatch(
      /^dun: simulate: --from '31\/01\/2023' is not a date; write YYYY-MM-DD/,
    )
    cli.clear()
    expect(await main(['simulate', policy, '--invoices', invoices, '--engine', 'turbo'])).toBe(2)
    expect(cli.stderr).toMatch(/turbo/)
    cli.clear()
    expect(
      await main(['simulate', policy, '--invoices', invoices, '--response-model', 'learned']),
    ).toBe(2)
    expect(cli.stderr).toMatch(/--response-model takes "none", "fitted" or "declared FILE"/)
  })
})
