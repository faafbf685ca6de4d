import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { captureCli } from './cli-harness.js'

const formatted = 'policy "p" {\n  currencies USD\n}\n'
const messy = 'policy "p" {  currencies   USD }'
const broken = 'policy "p" {\n  segment {\n'

const cli = captureCli('fmt')

describe('dun fmt', () => {
  it('prints the formatted text without flags', async () => {
    expect(await main(['fmt', cli.file('a.dun', messy)])).toBe(0)
    expect(cli.stdout).toBe(formatted)
  })

  it('--check lists the files that would change and exits 1', async () => {
    const clean = cli.file('clean.dun', formatted)
    const dirty = cli.file('dirty.dun', messy)
    expect(await main(['fmt', '--check', clean, dirty])).toBe(1)
    expect(cli.stdout).toBe(`${dirty}\n`)
    expect(readFileSync(dirty, 'utf8')).toBe(messy)
  })

  it('--check exits 0 when every file is formatted', async () => {
    expect(await main(['fmt', '--check', cli.file('clean.dun', formatted)])).toBe(0)
    expect(cli.stdout).toBe('')
  })

  it('--write rewrites the files in place', async () => {
    const dirty = cli.file('dirty.dun', messy)
    expect(await main(['fmt', '--write', dirty])).toBe(0)
    expect(readFileSync(dirty, 'utf8')).toBe(formatted)
  })

  it('prints the syntax errors of a broken file, leaves it alone and exits 1', async () => {
    const bad = cli.file('bad.dun', broken)
    expect(await main(['fmt', '--write', bad])).toBe(1)
    expect(cli.stderr).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error DUN\\d+`),
    )
    expect(readFileSync(bad, 'utf8')).toBe(broken)
  })

  it('stops with one line and exit 2 for a missing file, before writing anything', async () => {
    const dirty = cli.file('dirty.dun', messy)
    expect(await main(['fmt', '--write', dirty, join(cli.dir, 'missing.dun')])).toBe(2)
    expect(cli.stderr).toBe(
      `dun: fmt: cannot read ${join(cli.dir, 'missing.dun')}: no such file; check the path\n`,
    )
    expect(readFileSync(dirty, 'utf8')).toBe(messy)
  })

  it('rejects an unknown flag and --write with --check with exit 2', async () => {
    expect(await main(['fmt', '--fix', cli.file('a.dun', messy)])).toBe(2)
    expect(await main(['fmt', '--write', '--check', cli.file('b.dun', messy)])).toBe(2)
    expect(cli.stderr).toContain('--write and --check exclude each other')
  })
})
