import { sql, type Kysely } from 'kysely'

/**
 * Experiments between published versions of one policy: their arms (version and traffic
 * weight) and the arm each case was assigned when the scheduler opened it. At most one
 * experiment per policy runs at a time: while it runs, it is the policy's live setting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('experiments')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('policy_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('running', 'stopped', 'promoted')`),
    )
    .addColumn('minimum_sample_per_arm', 'integer', (c) =>
      c.notNull().check(sql`minimum_sample_per_arm > 0`),
    )
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('stopped_by', 'text')
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('promoted_arm', 'text')
    .addColumn('promoted_version_id', 'uuid')
    .addPrimaryKeyConstraint('experiments_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('experiments_policy_fk', ['workspace_id', 'policy_id'], 'policies', [
      'workspace_id',
      'id',
    ])
    .execute()
  await sql`create unique index experiments_one_running on experiments (workspace_id, policy_id)
    where state = 'running'`.execute(db)

  await db.schema
    .createTable('experiment_arms')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('experiment_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version_id', 'uuid', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight > 0`))
    .addPrimaryKeyConstraint('experiment_arms_pk', ['workspace_id', 'experiment_id', 'name'])
    .addForeignKeyConstraint(
      'experiment_arms_experiment_fk',
      ['workspace_id', 'experiment_id'],
      'experiments',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'experiment_arms_version_fk',
      ['workspace_id', 'version_id'],
      'policy_versions',
      ['workspace_id', 'id'],
    )
    .execute()

  await db.schema
    .createTable('experiment_assignments')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('experiment_id', 'uuid', (c) => c.notNull())
    .addColumn('arm', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('experiment_assignments_pk', ['workspace_id', 'case_id'])
    .addForeignKeyConstraint(
      'experiment_assignments_case_fk',
      ['workspace_id', 'case_id'],
      'dunning_cases',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'experiment_assignments_arm_fk',
      ['workspace_id', 'experiment_id', 'arm'],
      'experiment_arms',
      ['workspace_id', 'experiment_id', 'name'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema
    .createIndex('experiment_assignments_by_experiment')
    .on('experiment_assignments')
    .columns(['workspace_id', 'experiment_id', 'arm'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('experiment_assignments').execute()
  await db.schema.dropTable('experiment_arms').execute()
  await db.schema.dropTable('experiments').execute()
}
