import { sql, type Kysely } from 'kysely'

/**
 * Registered cases not yet paid, per version, currency and UTC day of opening: the cases
 * still at risk of a first payment that the time-to-collect curves (a Kaplan–Meier
 * estimate) weigh by how long they have been open. Filled from the cases already counted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outcome_open_days')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'date', (c) => c.notNull())
    .addColumn('unpaid', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_open_days_pk', [
      'workspace_id',
      'policy_version_id',
      'currency',
      'opened_on',
    ])
    .execute()
  await sql`
    insert into outcome_open_days (workspace_id, policy_version_id, currency, opened_on, unpaid)
    select o.workspace_id, o.policy_version_id, o.currency,
      (c.opened_at at time zone 'UTC')::date, count(*)
    from case_outcomes o
    join dunning_cases c on c.workspace_id = o.workspace_id and c.id = o.case_id
    where not exists (select 1 from outcome_first_payments f
      where f.workspace_id = o.workspace_id and f.case_id = o.case_id)
    group by 1, 2, 3, 4`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outcome_open_days').execute()
}
