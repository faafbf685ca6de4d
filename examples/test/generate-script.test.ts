import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// The script imports the built @dun/engine (npm test builds first).
const script = join(import.meta.dirname, '../data/generate.mjs')
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [script, ...args]).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )

describe('examples/data/generate.mjs', () => {
  it('bills the invoices to as many customers as asked, over a longer history when they are few', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dun-generate-'))
    const { code, stdout } = await run(['--invoices', '600', '--customers', '6', '--out', out])
    expect(code).toBe(0)
    expect(stdout).toContain('wrote 600 invoices')
    const rows = readFileSync(join(out, 'generated-invoices.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
    expect(rows).toHaveLength(600)
    expect(new Set(rows.map((row) => row.split(',')[1])).size).toBe(6)
    // six customers billing about ten invoices a year each need years for 600 invoices
    expect(rows.at(-1)!.split(',')[6]!.slice(0, 4) > '2030').toBe(true)
  })

  it('refuses a customer count that is not a positive whole number, with the usage', async () => {
    const { code, stderr } = await run(['--customers', '0'])
    expect(code).toBe(2)
    expect(stderr).toContain('--customers "0" is not a positive whole number')
    expect(stderr).toContain('usage: node examples/data/generate.mjs')
  })
})
