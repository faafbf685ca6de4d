import { expect, it } from 'vitest'
import { sql } from 'kysely'
import { migrateDown, migrateToLatest, pendingMigrations } from '../src/index.js'
import { describeOnDatabases } from '../src/testing.js'

describeOnDatabases('migrations', (db) => {
  it('leaves no migration pending and creates every table', async () => {
    expect(await pendingMigrations(db())).toEqual([])
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(db())
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'customers',
        'invoices',
        'policy_versions',
        'dunning_cases',
        'dunning_actions',
        'customer_schedule',
        'audit_log',
        'experiments',
        'experiment_arms',
        'experiment_assignments',
      ]),
    )
  })

  it('can be rolled back and re-applied', async () => {
    const all = [
      '2026-11-25T00-00-initial',
      '2026-11-25T01-00-experiments',
      '2026-11-26T00-00-outcome-figures',
      '2026-11-26T01-00-outcome-open-days',
    ]
    for (const name of [...all].reverse()) {
      expect((await migrateDown(db())).applied).toEqual([name])
    }
    expect(await pendingMigrations(db())).toEqual(all)
    expect((await migrateToLatest(db())).applied).toEqual(all)
  })

  it('refuses to change a published policy version', async () => {
    const policy = await db()
      .insertInto('policies')
      .values({ workspace_id: 'default', name: 'p', live_version_id: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    const version = await db()
      .insertInto('policy_versions')
      .values({
        workspace_id: 'default',
        policy_id: policy.id,
        number: 1,
        source: 'policy "p" {}',
        compiled: JSON.stringify({}),
        content_hash: 'h',
        author: 'ana',
        comment: '',
        state: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expect(
      db()
        .updateTable('policy_versions')
        .set({ source: 'changed' } as never)
        .where('id', '=', version.id)
        .execute(),
    ).rejects.toThrow(/published and cannot be changed/)
    await db()
      .updateTable('policy_versions')
      .set({ state: 'archived' })
      .where('id', '=', version.id)
      .execute()
  })
})
