import pg from 'pg'
import { sql, type Kysely } from 'kysely'
import { connect, migrateToLatest, type Database } from '@dun/store'

export const POSTGRES_URL =
  process.env.DUN_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** A fresh, migrated database on the machine's PostgreSQL, for this benchmark alone. */
export async function freshDatabase(name: string): Promise<{ url: string; db: Kysely<Database> }> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(POSTGRES_URL)
  url.pathname = `/${name}`
  const db = connect({ url: url.toString(), max: 4 })
  await migrateToLatest(db)
  return { url: url.toString(), db }
}

/**
 * Live customers and invoices generated inside PostgreSQL (`generate_series`): loading
 * 100,000 invoices through the API would measure the ingest, not the scheduler.
 */
export async function seed(
  db: Kysely<Database>,
  customers: number,
  invoicesEach: number,
  dueAt: Date,
): Promise<void> {
  await sql`
    insert into customers (workspace_id, id, facts)
    select 'default', 'c' || n, jsonb_build_object(
      'id', 'c' || n, 'plan', '', 'arr', 0, 'currency', 'USD', 'country', '',
      'timezone', (array['UTC', 'America/New_York', 'Europe/Berlin'])[1 + n % 3],
      'language', 'en', 'tags', '[]'::jsonb, 'opted_out', '[]'::jsonb,
      'promise_to_pay_until', null, 'created_at', null)
    from generate_series(1, ${customers}) as n`.execute(db)
  await sql`
    insert into invoices (workspace_id, id, customer_id, amount_due, balance, currency,
      issued_at, due_at, status, disputed, attempts)
    select 'default', 'c' || n || '-' || k, 'c' || n, 5000 + n, 5000 + n, 'USD',
      ${dueAt}::timestamptz - interval '14 days', ${dueAt}::timestamptz, 'open', false, 0
    from generate_series(1, ${customers}) as n, generate_series(1, ${invoicesEach}) as k`.execute(
    db,
  )
  await resetSchedule(db, new Date(dueAt.getTime() - 86_400_000))
  await sql`analyze`.execute(db)
}

/** Forgets every decision and makes every customer due again. */
export async function resetLedger(db: Kysely<Database>, dueAt: Date): Promise<void> {
  await sql`truncate dunning_actions, dunning_cases, payment_events cascade`.execute(db)
  await resetSchedule(db, dueAt)
  await sql`analyze`.execute(db)
}

async function resetSchedule(db: Kysely<Database>, at: Date): Promise<void> {
  await sql`
    insert into customer_schedule (workspace_id, customer_id, next_action_at)
    select workspace_id, id, ${at} from customers
    on conflict (workspace_id, customer_id) do update set next_action_at = excluded.next_action_at`.execute(
    db,
  )
}
