import { sql, type Kysely } from 'kysely'
import type { Database } from '@dun/store'

/**
 * A dunning history generated inside PostgreSQL (`generate_series`): `cases` cases over
 * four published versions, three segments and two currencies (9 in 10 closed 40 days in), `actionsEach` sent actions
 * per case two days apart (email, sms, retry in turn), and a payment for 6 cases in 10 at
 * a day spread over the first month. Ids are derived from the case number, so actions and
 * payments join their case without a lookup.
 */
export async function seedHistory(
  db: Kysely<Database>,
  cases: number,
  actionsEach: number,
  progress: (step: string, ms: number) => void,
): Promise<void> {
  const timed = async (step: string, run: () => Promise<unknown>) => {
    const start = performance.now()
    await run()
    progress(step, performance.now() - start)
  }
  await timed('policy and 4 versions', async () => {
    await sql`insert into policies (workspace_id, id, name) values ('default', md5('policy')::uuid, 'bench')`.execute(
      db,
    )
    await sql`
      insert into policy_versions (workspace_id, id, policy_id, number, source, compiled,
        content_hash, author, comment, state)
      select 'default', md5('version' || v)::uuid, md5('policy')::uuid, v, '', '{}', 'h' || v, 'bench', '', 'published'
      from generate_series(1, 4) as v`.execute(db)
  })
  await timed(`${cases} customers`, () =>
    sql`insert into customers (workspace_id, id, facts)
      select 'default', 'c' || n, '{}'::jsonb from generate_series(1, ${cases}::int) as n`.execute(
      db,
    ),
  )
  await timed(`${cases} invoices`, () =>
    sql`insert into invoices (workspace_id, id, customer_id, amount_due, balance, currency,
        issued_at, due_at, status, disputed, attempts, first_failed_at)
      select 'default', 'i' || n, 'c' || n, 1000 + n % 9000, 1000 + n % 9000,
        (array['USD', 'EUR'])[1 + n % 2], opened - interval '14 days', opened, 'open', false, 1, opened
      from generate_series(1, ${cases}::int) as n,
        lateral (select timestamptz '2025-01-01' + (n % 330) * interval '1 day' as opened) o`.execute(
      db,
    ),
  )
  await timed(`${cases} cases`, () =>
    sql`insert into dunning_cases (workspace_id, id, invoice_id, customer_id, policy_version_id,
        state, segment, opened_at, closed_at)
      select 'default', md5('case' || n)::uuid, 'i' || n, 'c' || n, md5('version' || (1 + n % 4))::uuid,
        case when n % 10 < 9 then 'stopped' else 'active' end, (array['smb', 'mid', 'ent'])[1 + n % 3],
        opened, case when n % 10 < 9 then opened + interval '40 days' end
      from generate_series(1, ${cases}::int) as n,
        lateral (select timestamptz '2025-01-01' + (n % 330) * interval '1 day' as opened) o`.execute(
      db,
    ),
  )
  // In slices of 100,000 cases: one statement of 10 million rows holds it all in one transaction.
  const slice = 100_000
  for (let from = 1; from <= cases; from += slice) {
    const to = Math.min(cases, from + slice - 1)
    await timed(`actions of cases ${from}–${to}`, () =>
      sql`insert into dunning_actions (workspace_id, case_id, customer_id, invoice_id, step_id,
          action, action_type, status, idempotency_key, scheduled_at, decided_at, completed_at)
        select 'default', md5('case' || n)::uuid, 'c' || n, 'i' || n, 's' || k,
          case k % 3
            when 0 then jsonb_build_object('type', 'notify', 'channels', jsonb_build_array('email'), 'template', 't' || k)
            when 1 then jsonb_build_object('type', 'notify', 'channels', jsonb_build_array('sms'), 'template', 't' || k)
            else jsonb_build_object('type', 'retry_payment', 'methods', 'default') end,
          case when k % 3 = 2 then 'retry_payment' else 'notify' end,
          'sent', n || '/' || k, at, at, at
        from generate_series(${from}::int, ${to}::int) as n, generate_series(0, ${actionsEach - 1}::int) as k,
          lateral (select timestamptz '2025-01-01' + (n % 330) * interval '1 day'
            + k * interval '2 days' + interval '1 hour' as at) a`.execute(db),
    )
  }
  await timed('payments (6 cases in 10)', () =>
    sql`insert into payment_events (workspace_id, event_key, invoice_id, type, at, payload, received_at)
      select 'default', 'p' || n, 'i' || n, 'payment_succeeded', paid,
        jsonb_build_object('type', 'payment_succeeded', 'invoice_id', 'i' || n, 'at', paid, 'amount', null),
        paid + interval '1 second'
      from generate_series(1, ${cases}::int) as n,
        lateral (select timestamptz '2025-01-01' + (n % 330) * interval '1 day'
          + ((n::bigint * 7919) % 30) * interval '1 day' + interval '5 hours' + (n % 3600) * interval '1 second' as paid) p
      where (n * 2654435761) % 10 < 6`.execute(db),
  )
  await timed('analyze', () => sql`analyze`.execute(db))
}
