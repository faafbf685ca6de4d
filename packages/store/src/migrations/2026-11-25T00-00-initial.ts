import { sql, type Kysely } from 'kysely'

/**
 * The first schema. Every key starts with `workspace_id` so tenants can come later
 * (and so a distributed Postgres can shard by it). Money is bigint minor units.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ws = (t: string) =>
    db.schema.createTable(t).addColumn('workspace_id', 'text', (c) => c.notNull())

  await ws('customers')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('history', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('customers_pk', ['workspace_id', 'id'])
    .execute()

  await ws('payment_methods')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addPrimaryKeyConstraint('payment_methods_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'payment_methods_customer_fk',
      ['workspace_id', 'customer_id'],
      'customers',
      ['workspace_id', 'id'],
    )
    .execute()

  await ws('invoices')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('amount_due', 'bigint', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'paid', 'void', 'uncollectible')`),
    )
    .addColumn('disputed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_decline_code', 'text')
    .addColumn('last_decline_class', 'text', (c) =>
      c.check(sql`last_decline_class in ('hard', 'soft')`),
    )
    .addColumn('first_failed_at', 'timestamptz')
    .addColumn('subscription_id', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('invoices_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('invoices_customer_fk', ['workspace_id', 'customer_id'], 'customers', [
      'workspace_id',
      'id',
    ])
    .execute()
  await db.schema
    .createIndex('invoices_customer_idx')
    .on('invoices')
    .columns(['workspace_id', 'customer_id'])
    .execute()

  await ws('payment_events')
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('payment_events_pk', ['workspace_id', 'event_key'])
    .execute()
  await db.schema
    .createIndex('payment_events_invoice_idx')
    .on('payment_events')
    .columns(['workspace_id', 'invoice_id', 'at'])
    .execute()

  await ws('policies')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('live_version_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('policies_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('policies_name_uq', ['workspace_id', 'name'])
    .execute()

  await ws('policy_versions')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('policy_id', 'uuid', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('compiled', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft', 'pending_approval', 'published', 'archived')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addPrimaryKeyConstraint('policy_versions_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('policy_versions_number_uq', ['workspace_id', 'policy_id', 'number'])
    .addForeignKeyConstraint(
      'policy_versions_policy_fk',
      ['workspace_id', 'policy_id'],
      'policies',
      ['workspace_id', 'id'],
    )
    .execute()

  // A published version is immutable: its content can never change, whoever asks.
  await sql`
    create function refuse_published_version_change() returns trigger language plpgsql as $$
    begin
      if old.state in ('published', 'archived') and (
        new.source is distinct from old.source or new.compiled is distinct from old.compiled
        or new.content_hash is distinct from old.content_hash or new.author is distinct from old.author
      ) then
        raise exception 'policy version % is published and cannot be changed', old.id
          using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger policy_versions_immutable before update on policy_versions
    for each row execute function refuse_published_version_change()`.execute(db)

  await ws('approvals')
    .addColumn('version_id', 'uuid', (c) => c.notNull())
    .addColumn('approver', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('approvals_pk', ['workspace_id', 'version_id', 'approver'])
    .execute()

  await ws('dunning_cases')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('segment', 'text')
    .addColumn('steps_done', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('retries', sql`timestamptz[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    // Why a case was rejected (e.g. a currency its policy does not list): `{ code, message }`.
    .addColumn('problem', 'jsonb')
    .addPrimaryKeyConstraint('dunning_cases_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint(
      'dunning_cases_invoice_fk',
      ['workspace_id', 'invoice_id'],
      'invoices',
      ['workspace_id', 'id'],
    )
    .addForeignKeyConstraint(
      'dunning_cases_version_fk',
      ['workspace_id', 'policy_version_id'],
      'policy_versions',
      ['workspace_id', 'id'],
    )
    .execute()
  // At most one open case per invoice.
  await sql`create unique index dunning_cases_open_uq on dunning_cases (workspace_id, invoice_id) where closed_at is null`.execute(
    db,
  )
  // One case per invoice, ever: the scheduler opens a case only for an invoice without any.
  await db.schema
    .createIndex('dunning_cases_invoice_idx')
    .on('dunning_cases')
    .columns(['workspace_id', 'invoice_id'])
    .execute()
  await db.schema
    .createIndex('dunning_cases_customer_idx')
    .on('dunning_cases')
    .columns(['workspace_id', 'customer_id'])
    .execute()

  await ws('customer_schedule')
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('next_action_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('customer_schedule_pk', ['workspace_id', 'customer_id'])
    .execute()
  await sql`create index customer_schedule_due_idx on customer_schedule (next_action_at) where next_action_at is not null`.execute(
    db,
  )

  await ws('dunning_actions')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('action', 'jsonb', (c) => c.notNull())
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('provider_response', 'jsonb')
    .addColumn('detail', 'text')
    // When the latest delivery attempt started: a `sending` row older than the lease was
    // caught mid-send by a crash.
    .addColumn('last_attempt_at', 'timestamptz')
    .addPrimaryKeyConstraint('dunning_actions_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('dunning_actions_idempotency_uq', ['workspace_id', 'idempotency_key'])
    .addForeignKeyConstraint(
      'dunning_actions_case_fk',
      ['workspace_id', 'case_id'],
      'dunning_cases',
      ['workspace_id', 'id'],
    )
    .execute()
  await sql`create index dunning_actions_outbox_idx on dunning_actions (next_attempt_at) where status in ('pending', 'failed')`.execute(
    db,
  )
  await sql`create index dunning_actions_sending_idx on dunning_actions (last_attempt_at) where status = 'sending'`.execute(
    db,
  )
  await db.schema
    .createIndex('dunning_actions_customer_idx')
    .on('dunning_actions')
    .columns(['workspace_id', 'customer_id', 'decided_at'])
    .execute()

  // Messages kept by Dun itself: in-app notices (read through the API) and, when no real
  // provider is configured, the capture outbox of a trial. Unique per idempotency key, so a
  // retried delivery stores its message once.
  await ws('outbox_messages')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('transport', 'text', (c) =>
      c.notNull().check(sql`transport in ('in_app', 'capture')`),
    )
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('invoice_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addPrimaryKeyConstraint('outbox_messages_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('outbox_messages_key_uq', ['workspace_id', 'idempotency_key', 'channel'])
    .execute()
  await db.schema
    .createIndex('outbox_messages_customer_idx')
    .on('outbox_messages')
    .columns(['workspace_id', 'customer_id', 'created_at'])
    .execute()

  await ws('datasets')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('invoice_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('sorted', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('datasets_pk', ['workspace_id', 'id'])
    .execute()
  await db.schema
    .createTable('dataset_invoices')
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('invoice', 'jsonb', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz')
    .addPrimaryKeyConstraint('dataset_invoices_pk', ['dataset_id', 'row_number'])
    .execute()
  await db.schema
    .createTable('dataset_customers')
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('customer', 'jsonb', (c) => c.notNull())
    .addColumn('history', 'jsonb')
    .addPrimaryKeyConstraint('dataset_customers_pk', ['dataset_id', 'customer_id'])
    .execute()
  await db.schema
    .createTable('dataset_events')
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('event', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_events_pk', ['dataset_id', 'row_number'])
    .execute()

  await ws('users')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('analyst', 'approver', 'admin')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('users_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('users_username_uq', ['workspace_id', 'username'])
    .execute()

  await ws('api_tokens')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addPrimaryKeyConstraint('api_tokens_pk', ['workspace_id', 'id'])
    .execute()

  await ws('sessions')
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sessions_pk', ['workspace_id', 'id_hash'])
    .addForeignKeyConstraint(
      'sessions_user_fk',
      ['workspace_id', 'user_id'],
      'users',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  await ws('workspace_settings')
    .addColumn('four_eyes', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('active_policy_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('workspace_settings_pk', ['workspace_id'])
    .execute()

  await ws('audit_log')
    .addColumn('id', 'bigserial', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['workspace_id', 'id'])
    .execute()

  await createOutcomeTables(db)
}

/**
 * Outcomes: each payment linked to its case and credited to the actions before it, plus
 * rollups the attribution job keeps up to date incrementally, so queries never rescan the
 * ledger. Credits are fractions of a payment, hence double precision.
 */
async function createOutcomeTables(db: Kysely<unknown>): Promise<void> {
  const ws = (t: string) =>
    db.schema.createTable(t).addColumn('workspace_id', 'text', (c) => c.notNull())
  await ws('payment_outcomes')
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz', (c) => c.notNull())
    .addColumn('days_to_collect', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_outcomes_pk', ['workspace_id', 'event_key'])
    .execute()
  await ws('payment_attributions')
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('action_id', 'uuid')
    .addColumn('step_id', 'text')
    .addColumn('channel', 'text')
    .addColumn('template', 'text')
    .addColumn('credit', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_attributions_pk', [
      'workspace_id',
      'event_key',
      'model',
      'position',
    ])
    .execute()
  await ws('outcome_rollups')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('payments', 'double precision', (c) => c.notNull())
    .addColumn('amount', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_rollups_pk', [
      'workspace_id',
      'model',
      'dimension',
      'key',
      'currency',
    ])
    .execute()
  await ws('outcome_collect_days')
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('payments', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_collect_days_pk', [
      'workspace_id',
      'policy_version_id',
      'segment',
      'currency',
      'day',
    ])
    .execute()
  await ws('outcome_watermarks')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_watermarks_pk', ['workspace_id', 'job'])
    .execute()
  // Each case once, with the keys its recovery is counted under; `recovered` marks its
  // first payment so a case paid in parts counts once.
  await ws('case_outcomes')
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('cohort', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_due', 'bigint', (c) => c.notNull())
    .addColumn('recovered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('recovered_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    // Set once the closed case's actions are counted (messages, cancellation, write-off).
    .addColumn('closed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('case_outcomes_pk', ['workspace_id', 'case_id'])
    .execute()
  await ws('outcome_case_rollups')
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('cohort', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('cases', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_due', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('recovered_cases', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('recovered_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_cases', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('messages_sent', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cancellations', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('write_offs', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_recovered_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('outcome_case_rollups_pk', [
      'workspace_id',
      'policy_version_id',
      'segment',
      'cohort',
      'currency',
    ])
    .execute()
  // Collections by month of payment: amount × days to collect makes the amount-weighted
  // days outstanding (the dunning DSO) of each month.
  await ws('outcome_monthly')
    .addColumn('policy_version_id', 'uuid', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('payments', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('amount_days', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_monthly_pk', [
      'workspace_id',
      'policy_version_id',
      'month',
      'currency',
    ])
    .execute()
  // The case job scans cases opened since its watermark.
  await db.schema
    .createIndex('dunning_cases_opened_idx')
    .on('dunning_cases')
    .columns(['workspace_id', 'opened_at'])
    .execute()
  await sql`create index dunning_cases_closed_idx on dunning_cases (workspace_id, closed_at) where closed_at is not null`.execute(
    db,
  )
  // The job scans events received since its watermark.
  await db.schema
    .createIndex('payment_events_received_idx')
    .on('payment_events')
    .columns(['workspace_id', 'received_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outcome_monthly',
    'outcome_case_rollups',
    'case_outcomes',
    'outcome_watermarks',
    'outcome_collect_days',
    'outcome_rollups',
    'payment_attributions',
    'payment_outcomes',
    'audit_log',
    'workspace_settings',
    'api_tokens',
    'sessions',
    'users',
    'dataset_events',
    'dataset_customers',
    'dataset_invoices',
    'datasets',
    'outbox_messages',
    'dunning_actions',
    'customer_schedule',
    'dunning_cases',
    'approvals',
    'policy_versions',
    'policies',
    'payment_events',
    'invoices',
    'payment_methods',
    'customers',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await sql`drop function refuse_published_version_change()`.execute(db)
}
