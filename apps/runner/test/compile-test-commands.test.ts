import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../src/cli.js'

const POLICY = `policy "p" {
  currencies USD
  segment all {
    day 1 email "reminder"
    day 3 retry payment
  }
}
`
const PASSING = `${POLICY}
test "reminds on day 1" {
  at day 1 expect email "reminder"
  at day 3 expect retry payment, no email "reminder"
}
`
const FAILING = `${POLICY}
test "reminds on day 2" {
  at day 2 expect email "reminder"
}
`
const BROKEN = 'policy "p" {\n  currencies USD\n  segment all {\n    day 1 emial "x"\n  }\n}\n'

let dir: string
let stdout: string
let stderr: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dun-compile-test-'))
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

describe('dun compile', () => {
  it('prints the compiled policy as JSON', async () => {
    expect(await main(['compile', file('p.dun', POLICY)])).toBe(0)
    const compiled = JSON.parse(stdout) as { format: string; rules: { name: string }[] }
    expect(compiled.format).toBe('dun.compiled/1')
    expect(compiled.rules.map((r) => r.name)).toEqual([
      'all/notify:email:reminder#1',
      'all/retry:default#1',
    ])
  })

  it('writes the JSON to the -o file', async () => {
    const out = join(dir, 'p.json')
    expect(await main(['compile', file('p.dun', POLICY), '-o', out])).toBe(0)
    expect(stdout).toBe('')
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ policy: { name: 'p' } })
  })

  it('prints diagnostics and exits 1 on a policy with errors', async () => {
    const path = file('bad.dun', BROKEN)
    expect(await main(['compile', path])).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(new RegExp(`^${path}:4:11: error DUN\\d+: `))
  })

  it('reports a missing file in one line with exit 2', async () => {
    expect(await main(['compile', join(dir, 'nope.dun')])).toBe(2)
    expect(stderr).toBe(
      `dun: compile: cannot read ${join(dir, 'nope.dun')}: no such file; check the path\n`,
    )
  })
})

describe('dun test', () => {
  it('prints PASS per test and the summary, exit 0', async () => {
    const path = file('ok.dun', PASSING)
    expect(await main(['test', path])).toBe(0)
    expect(stdout).toBe(`PASS ${path}: reminds on day 1 (3 expectations)\n\n1 passed, 0 failed\n`)
  })

  it('prints FAIL with the difference and exits 1', async () => {
    const ok = file('ok.dun', PASSING)
    const bad = file('bad.dun', FAILING)
    expect(await main(['test', ok, bad])).toBe(1)
    expect(stdout).toContain(`FAIL ${bad}:9: reminds on day 2 (1 expectation)\n`)
    expect(stdout).toContain(`  ${bad}:10:19: at day 2: expected email "reminder", got nothing`)
    expect(stdout).toMatch(/\n1 passed, 1 failed\n$/)
  })

  it('prints JSON with --json', async () => {
    expect(await main(['test', file('bad.dun', FAILING), '--json'])).toBe(1)
    const report = JSON.parse(stdout) as {
      passed: number
      failed: number
      files: { tests: unknown[] }[]
    }
    expect([report.passed, report.failed]).toEqual([0, 1])
    expect(report.files[0]?.tests[0]).toMatchObject({
      name: 'reminds on day 2',
      passed: false,
      failures: [{ when: 'day 2', expected: 'email "reminder"' }],
    })
  })

  it('prints the diagnostics of a policy with errors and exits 1', async () => {
    const path = file('broken.dun', `${BROKEN}\ntest "t" {\n  at day 1 expect nothing\n}\n`)
    expect(await main(['test', path])).toBe(1)
    expect(stdout).toContain(`ERROR ${path}: the policy has errors, so its tests did not run`)
    expect(stdout).toContain(`${path}:4:11: error DUN`)
  })

  it('is an error when no test ran', async () => {
    expect(await main(['test', file('p.dun', POLICY)])).toBe(1)
    expect(stderr).toContain('no test ran')
  })
})
