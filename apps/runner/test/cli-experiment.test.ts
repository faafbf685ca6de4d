import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { freshPglite, type TestDatabase } from '@dun/store/testing'
import { main } from '../src/cli.js'
import { captureCli } from './cli-harness.js'

let database: TestDatabase

const policy = (channel: string) => `policy "p" {
  currencies USD
  anchor due
  segment everyone {
    day 0 email "due-today"
    day 3 ${channel} "reminder"
  }
}
`

describe('dun experiment', () => {
  beforeAll(async () => {
    database = await freshPglite(2)
    vi.stubEnv('DATABASE_URL', database.url)
    vi.stubEnv('DUN_DB_POOL', '2')
  }, 60_000)
  afterAll(async () => {
    vi.unstubAllEnvs()
    await database.close()
  })
  const cli = captureCli('experiment')
  const versions: string[] = []
  let experimentId = ''

  it('starts between two published versions, lists it and reports no verdict yet', async () => {
    expect(await main(['migrate'])).toBe(0)
    expect(await main(['user', 'add', 'admin', '--role', 'admin'])).toBe(0)
    for (const channel of ['email', 'sms']) {
      expect(await main(['publish', cli.file(`${channel}.dun`, policy(channel))])).toBe(0)
      versions.push(
        new RegExp(`\\(([0-9a-f-]{36})\\) of \\S*${channel}\\.dun`).exec(cli.stdout)![1]!,
      )
    }
    expect(
      await main([
        'experiment',
        'start',
        '--name',
        'sms on day 3',
        '--arm',
        `control=${versions[0]}:50`,
        '--arm',
        `sms=${versions[1]}:50`,
        '--min-sample',
        '10',
      ]),
    ).toBe(0)
    expect(cli.stdout).toMatch(
      /Experiment "sms on day 3" \([0-9a-f-]{36}\) is running: control 50 \/ sms 50/,
    )
    experimentId = /Experiment "sms on day 3" \(([0-9a-f-]{36})\)/.exec(cli.stdout)![1]!
    expect(await main(['experiment', 'list'])).toBe(0)
    expect(cli.stdout).toContain(`${experimentId}  running`)
    expect(await main(['experiment', 'results', experimentId])).toBe(0)
    expect(cli.stdout).toContain('Not enough data yet: arm "sms" has 0 cases and "control" 0')
  })

  it('refuses a malformed arm and a second experiment, saying what to do', async () => {
    expect(await main(['experiment', 'start', '--name', 'x', '--arm', 'control'])).toBe(2)
    expect(cli.stderr).toContain('--arm control is not name=version[:weight]')
    expect(
      await main([
        'experiment',
        'start',
        '--name',
        'again',
        '--arm',
        `a=${versions[0]}`,
        '--arm',
        `b=${versions[1]}`,
      ]),
    ).toBe(2)
    expect(cli.stderr).toMatch(/still live on this policy.*dun experiment stop/)
  })

  it('promotes an arm through the publishing rule and ends the experiment', async () => {
    expect(
      await main(['experiment', 'promote', experimentId, 'sms', '--comment', 'sms wins']),
    ).toBe(0)
    expect(cli.stdout).toMatch(/Arm "sms" promoted as version [0-9a-f-]{36}: published/)
    expect(await main(['experiment', 'stop', experimentId])).toBe(2)
    expect(cli.stderr).toContain('is promoted, not running')
  })

  it('simulate --response-model fitted says when the ledger has nothing to learn from', async () => {
    const invoices = cli.file(
      'invoices.jsonl',
      '{"invoice_id":"i1","customer_id":"c1","currency":"USD","amount_due":100,"balance":100,"issued_at":"2026-01-01T00:00:00Z","due_at":"2026-01-02T00:00:00Z"}\n',
    )
    expect(
      await main([
        'simulate',
        cli.file('s.dun', policy('sms')),
        '--invoices',
        invoices,
        '--response-model',
        'fitted',
      ]),
    ).toBe(2)
    expect(cli.stderr).toMatch(/no dunning cases to fit a response model from.*declared FILE/)
  })
})
