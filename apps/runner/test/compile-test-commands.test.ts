import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { captureCli } from './cli-harness.js'

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

const cli = captureCli('compile-test')

describe('dun compile', () => {
  it('prints the compiled policy as JSON', async () => {
    expect(await main(['compile', cli.file('p.dun', POLICY)])).toBe(0)
    const compiled = JSON.parse(cli.stdout) as { format: string; rules: { name: string }[] }
    expect(compiled.format).toBe('dun.compiled/1')
    expect(compiled.rules.map((r) => r.name)).toEqual([
      'all/notify:email:reminder#1',
      'all/retry:default#1',
    ])
  })

  it('writes the JSON to the -o file', async () => {
    const out = join(cli.dir, 'p.json')
    expect(await main(['compile', cli.file('p.dun', POLICY), '-o', out])).toBe(0)
    expect(cli.stdout).toBe('')
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ policy: { name: 'p' } })
  })

  it('prints diagnostics and exits 1 on a policy with errors', async () => {
    const path = cli.file('bad.dun', BROKEN)
    expect(await main(['compile', path])).toBe(1)
    expect(cli.stdout).toBe('')
    expect(cli.stderr).toMatch(new RegExp(`^${path}:4:11: error DUN\\d+: `))
  })

  it('reports a missing file in one line with exit 2', async () => {
    expect(await main(['compile', join(cli.dir, 'nope.dun')])).toBe(2)
    expect(cli.stderr).toBe(
      `dun: compile: cannot read ${join(cli.dir, 'nope.dun')}: no such file; check the path\n`,
    )
  })
})

describe('dun test', () => {
  it('prints PASS per test and the summary, exit 0', async () => {
    const path = cli.file('ok.dun', PASSING)
    expect(await main(['test', path])).toBe(0)
    expect(cli.stdout).toBe(
      `PASS ${path}: reminds on day 1 (3 expectations)\n\n1 passed, 0 failed\n`,
    )
  })

  it('prints FAIL with the difference and exits 1', async () => {
    const ok = cli.file('ok.dun', PASSING)
    const bad = cli.file('bad.dun', FAILING)
    expect(await main(['test', ok, bad])).toBe(1)
    expect(cli.stdout).toContain(`FAIL ${bad}:9: reminds on day 2 (1 expectation)\n`)
    expect(cli.stdout).toContain(`  ${bad}:10:19: at day 2: expected email "reminder", got nothing`)
    expect(cli.stdout).toMatch(/\n1 passed, 1 failed\n$/)
  })

  it('prints JSON with --json', async () => {
    expect(await main(['test', cli.file('bad.dun', FAILING), '--json'])).toBe(1)
    const report = JSON.parse(cli.stdout) as {
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
    const path = cli.file('broken.dun', `${BROKEN}\ntest "t" {\n  at day 1 expect nothing\n}\n`)
    expect(await main(['test', path])).toBe(1)
    expect(cli.stdout).toContain(`ERROR ${path}: the policy has errors, so its tests did not run`)
    expect(cli.stdout).toContain(`${path}:4:11: error DUN`)
  })

  it('is an error when no test ran', async () => {
    expect(await main(['test', cli.file('p.dun', POLICY)])).toBe(1)
    expect(cli.stderr).toContain('no test ran')
  })
})
