import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { captureCli, operatorDatabase } from './cli-harness.js'

const examples = new URL('../../../examples/', import.meta.url).pathname

// The operator commands against one database, through DATABASE_URL like an operator's shell.
describe('operator commands', () => {
  const database = operatorDatabase()
  const cli = captureCli('ops')

  it('dun migrate reports an up-to-date schema', async () => {
    expect(await main(['migrate'])).toBe(0)
    expect(cli.stdout).toContain('up to date')
  })

  it('dun user add prints a generated password once, and refuses a bad role or a duplicate', async () => {
    expect(await main(['user', 'add', 'admin', '--role', 'admin'])).toBe(0)
    expect(cli.stdout).toMatch(
      /Added admin \(admin\)\.\nPassword \(shown once, store it now\): \S{20,}\n/,
    )
    expect(await main(['user', 'add', 'eve', '--role', 'boss'])).toBe(2)
    expect(cli.stderr).toContain('--role boss is not a role; use one of analyst, approver, admin')
    expect(await main(['user', 'add', 'admin', '--role', 'analyst'])).toBe(2)
    expect(cli.stderr).toContain('a user named admin already exists')
  })

  it('dun publish stores and publishes a version; a broken policy prints its errors and stores nothing', async () => {
    expect(await main(['publish', join(examples, 'saas-cards.dun'), '--comment', 'go'])).toBe(0)
    expect(cli.stdout).toMatch(/Version 1 \([0-9a-f-]{36}\) of .*saas-cards\.dun: published/)
    const broken = cli.file('broken.dun', 'policy "x" { segment a { day 1 emial "t" } }\n')
    expect(await main(['publish', broken])).toBe(1)
    expect(cli.stderr).toMatch(/broken\.dun:1:\d+: error DUN\d+/)
    expect(await main(['publish', join(examples, 'saas-cards.dun'), '--as', 'nobody'])).toBe(2)
    expect(cli.stderr).toContain('no user named nobody')
  })

  it('dun import imports live invoices, or nothing with the rows that are wrong', async () => {
    const bad = cli.file(
      'bad.jsonl',
      '{"customer_id":"c1","invoice":{"id":"i1","amount_due":100,"balance":100,"currency":"USD","issued_at":"2026-01-01T00:00:00Z","due_at":"2026-01-02T00:00:00Z"}}\n' +
        '{"customer_id":"c2","invoice":{"id":"i2","amount_due":"lots","balance":100,"currency":"USD","issued_at":"2026-01-01T00:00:00Z","due_at":"2026-01-02T00:00:00Z"}}\n',
    )
    expect(await main(['import', bad])).toBe(1)
    expect(cli.stderr).toContain('bad.jsonl row 2')
    expect(cli.stderr).toContain('nothing was imported')
    expect(await main(['import', join(cli.dir, 'missing.csv')])).toBe(2)
    expect(cli.stderr).toContain('no such file')
    const data = join(examples, 'data')
    const code = await main([
      'import',
      join(data, 'foreign-export.csv'),
      '--mapping',
      join(data, 'foreign-export.mapping.json'),
    ])
    expect(code).toBe(0)
    expect(cli.stdout).toMatch(/Imported \d+ invoice\(s\) and \d+ customer\(s\)/)
    const invoices = await database().db.selectFrom('invoices').select('id').execute()
    expect(invoices.length).toBeGreaterThan(0)
    expect(invoices.map((i) => i.id)).not.toContain('i1')
  })

  it('dun cases counts cases by state', async () => {
    expect(await main(['cases'])).toBe(0)
    expect(cli.stdout).toBe('No dunning cases yet.\n')
    const version = await database()
      .db.selectFrom('policy_versions')
      .select('id')
      .executeTakeFirstOrThrow()
    const invoice = await database()
      .db.selectFrom('invoices')
      .select(['id', 'customer_id'])
      .executeTakeFirstOrThrow()
    await database()
      .db.insertInto('dunning_cases')
      .values({
        workspace_id: 'default',
        invoice_id: invoice.id,
        customer_id: invoice.customer_id,
        policy_version_id: version.id,
        state: 'active',
      })
      .execute()
    cli.clear()
    expect(await main(['cases', '--json'])).toBe(0)
    expect(JSON.parse(cli.stdout)).toEqual({ active: 1 })
  })
})
