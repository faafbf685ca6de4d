import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { connect } from '@dun/store'
import { main } from '../src/cli.js'
import { captureCli, operatorDatabase } from './cli-harness.js'

const examples = join(import.meta.dirname, '../../../examples')
const DAY = 86_400_000

/** 40 cases in segment "everyone", each sent an email on opening; 16 paid the next day. */
async function writeLedger(url: string, versionId: string): Promise<void> {
  const db = connect({ url, max: 1 })
  const opened = Date.parse('2026-01-05T00:00:00Z')
  const ids = Array.from({ length: 40 }, (_, i) => `led-${i}`)
  await db
    .insertInto('customers')
    .values(ids.map((id) => ({ workspace_id: 'default', id, facts: JSON.stringify({}) })))
    .execute()
  await db
    .insertInto('invoices')
    .values(
      ids.map((id) => ({
        workspace_id: 'default',
        id,
        customer_id: id,
        amount_due: 1_000,
        balance: 1_000,
        currency: 'USD',
        issued_at: new Date(opened),
        due_at: new Date(opened),
        status: 'open' as const,
        disputed: false,
        attempts: 1,
        last_decline_code: null,
        last_decline_class: null,
        first_failed_at: new Date(opened),
        subscription_id: null,
      })),
    )
    .execute()
  const cases = await db
    .insertInto('dunning_cases')
    .values(
      ids.map((id) => ({
        workspace_id: 'default',
        invoice_id: id,
        customer_id: id,
        policy_version_id: versionId,
        state: 'active' as const,
        segment: 'everyone',
        opened_at: new Date(opened),
      })),
    )
    .returning(['id', 'invoice_id'])
    .execute()
  await db
    .insertInto('dunning_actions')
    .values(
      cases.map((c) => ({
        workspace_id: 'default',
        case_id: c.id,
        customer_id: c.invoice_id,
        invoice_id: c.invoice_id,
        step_id: 's0',
        action: JSON.stringify({ type: 'notify', channels: ['email'], template: 'due-today' }),
        action_type: 'notify' as const,
        status: 'sent' as const,
        idempotency_key: `${c.id}/s0`,
        scheduled_at: new Date(opened + 3_600_000),
        decided_at: new Date(opened),
      })),
    )
    .execute()
  await db
    .insertInto('payment_events')
    .values(
      ids.slice(0, 16).map((id) => ({
        workspace_id: 'default',
        event_key: `${id}/paid`,
        invoice_id: id,
        type: 'payment_succeeded' as const,
        at: new Date(opened + DAY + 3_600_000),
        payload: JSON.stringify({ type: 'payment_succeeded', invoice_id: id }),
      })),
    )
    .execute()
  await db.destroy()
}

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
  const database = operatorDatabase()
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

  it('simulate --response-model fitted learns from the ledger, and the report says so', async () => {
    await writeLedger(database().url, versions[0]!)
    const json = join(cli.dir, 'fitted.json')
    const args = [
      'simulate',
      join(examples, 'saas-cards.dun'),
      '--invoices',
      join(examples, 'data/sample-invoices.csv'),
      '--from',
      '2023-01-01',
      '--to',
      '2023-03-01',
      '--json',
      json,
    ]
    expect(await main([...args, '--response-model', 'fitted'])).toBe(0)
    expect(cli.stdout).toContain('Response model fitted from the history of 40 cases')
    const { recovery } = JSON.parse(readFileSync(json, 'utf8'))
    expect(recovery.model).toBe('fitted')
    // 16 of 40 paid within the window, against a baseline of no payment on uncovered days.
    expect(recovery.assumptions.join('\n')).toContain(
      'email in segment "everyone" on days 0–0: 40% of the customers still unpaid respond.',
    )
  })
})
