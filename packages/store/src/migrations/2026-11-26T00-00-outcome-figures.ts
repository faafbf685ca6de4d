import { type Kysely } from 'kysely'

/**
 * Outcome figures the first outcome tables could not answer without rescanning the ledger,
 * kept by the same incremental job: the recovery funnel by step (counted when a case
 * closes), days to collect by credited step and channel (per attribution model), and the
 * day each case was first paid (the time-to-collect curves).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ws = (t: string) =>
    db.schema.createTable(t).addColumn('workspace_id', 'text', (c) => c.notNull())
  // A closed case counted into the funnel, once.
  await ws('outcome_funnel_cases')
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_funnel_cases_pk', ['workspace_id', 'case_id'])
    .execute()
  await ws('outcome_funnel_versions')
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('closed_cases', 'bigint', (c) => c.notNull())
    .addColumn('recovered_cases', 'bigint', (c) => c.notNull())
    .addColumn('recovered_amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_funnel_versions_pk', [
      'workspace_id',
      'policy_version_id',
      'currency',
    ])
    .execute()
  // reach_days sums the whole days from opening to the step's first send: steps are shown
  // in the order cases reach them.
  await ws('outcome_funnel_steps')
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('cases_reached', 'bigint', (c) => c.notNull())
    .addColumn('reach_days', 'bigint', (c) => c.notNull())
    .addColumn('recovered_cases', 'bigint', (c) => c.notNull())
    .addColumn('recovered_amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_funnel_steps_pk', [
      'workspace_id',
      'policy_version_id',
      'step_id',
      'currency',
    ])
    .execute()
  // Credited payments per whole day to collect; fractional under position-based credit.
  await ws('outcome_collect_credits')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('payments', 'double precision', (c) => c.notNull())
    .addColumn('amount', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_collect_credits_pk', [
      'workspace_id',
      'model',
      'dimension',
      'key',
      'currency',
      'day',
    ])
    .execute()
  // The day of each case's first attributed payment, once per case.
  await ws('outcome_first_payments')
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_first_payments_pk', ['workspace_id', 'case_id'])
    .execute()
  await ws('outcome_recovery_days')
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('cases', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_recovery_days_pk', [
      'workspace_id',
      'policy_version_id',
      'currency',
      'day',
    ])
    .execute()
  // The funnel reads a closing case's payments.
  await db.schema
    .createIndex('payment_outcomes_case_idx')
    .on('payment_outcomes')
    .columns(['workspace_id', 'case_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('payment_outcomes_case_idx').execute()
  for (const table of [
    'outcome_recovery_days',
    'outcome_first_payments',
    'outcome_collect_credits',
    'outcome_funnel_steps',
    'outcome_funnel_versions',
    'outcome_funnel_cases',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
