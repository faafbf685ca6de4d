import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../src/cli.js'

const formatted = 'policy "p" {\n  currencies USD\n}\n'
const messy = 'policy "p" {  currencies   USD }'
const broken = 'policy "p" {\n  segment {\n'

let dir: string
let stdout: string
let stderr: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dun-fmt-'))
  stdout = ''
  stderr = ''
  process.exitCode = undefined
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
})

afterEach(() => {
  vi.restoreAllMocks()
  process.exitCode = undefined
})

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('dun fmt', () => {
  it('prints the formatted text without flags', async () => {
    expect(await main(['fmt', file('a.dun', messy)])).toBe(0)
    expect(stdout).toBe(formatted)
  })

  it('--check lists the files that would change and exits 1', async () => {
    const clean = file('clean.dun', formatted)
    const dirty = file('dirty.dun', messy)
    expect(await main(['fmt', '--check', clean, dirty])).toBe(1)
    expect(stdout).toBe(`${dirty}\n`)
    expect(readFileSync(dirty, 'utf8')).toBe(messy)
  })

  it('--check exits 0 when every file is formatted', async () => {
    expect(await main(['fmt', '--check', file('clean.dun', formatted)])).toBe(0)
    expect(stdout).toBe('')
  })

  it('--write rewrites the files in place', async () => {
    const dirty = file('dirty.dun', messy)
    expect(await main(['fmt', '--write', dirty])).toBe(0)
    expect(readFileSync(dirty, 'utf8')).toBe(formatted)
  })

  it('prints the syntax errors of a broken file, leaves it alone and exits 1', async () => {
    const bad = file('bad.dun', broken)
    expect(await main(['fmt', '--write', bad])).toBe(1)
    expect(stderr).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error DUN\\d+`),
    )
    expect(readFileSync(bad, 'utf8')).toBe(broken)
  })

  it('stops with one line and exit 2 for a missing file, before writing anything', async () => {
    const dirty = file('dirty.dun', messy)
    expect(await main(['fmt', '--write', dirty, join(dir, 'missing.dun')])).toBe(2)
    expect(stderr).toBe(
      `dun: fmt: cannot read ${join(dir, 'missing.dun')}: no such file; check the path\n`,
    )
    expect(readFileSync(dirty, 'utf8')).toBe(messy)
  })

  it('rejects an unknown flag and --write with --check with exit 2', async () => {
    expect(await main(['fmt', '--fix', file('a.dun', messy)])).toBe(2)
    expect(await main(['fmt', '--write', '--check', file('b.dun', messy)])).toBe(2)
    expect(stderr).toContain('--write and --check exclude each other')
  })
})
