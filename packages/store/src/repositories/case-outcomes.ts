import { sql } from 'kysely'
import type { Db } from '../database.js'
import type { OutcomeCaseRollupRow } from '../tables/outcomes.table.js'
import { bigintsAsNumbers } from './bigint-columns.js'
import { sumOnConflict } from './sum-on-conflict.js'

/** What a case rollup row is per: its version, segment, cohort and currency. */
const ROLLUP_KEY = ['workspace_id', 'policy_version_id', 'segment', 'cohort', 'currency'] as const

/**
 * Registers the cases opened since `since` (not yet registered) and adds them to the case
 * rollups and, unpaid, to their day of opening; returns how many were registered and the latest opening seen. The cohort is the
 * month (UTC) of the invoice's first failed payment, else of the case opening.
 */
export async function registerOpenedCases(
  db: Db,
  workspace: string,
  since: Date,
  limit: number,
): Promise<{ registered: number; latest: Date | null }> {
  const addUnpaid = sumOnConflict(
    'outcome_open_days',
    ['workspace_id', 'policy_version_id', 'currency', 'opened_on'],
    ['unpaid'],
  )
  const addCases = sumOnConflict('outcome_case_rollups', ROLLUP_KEY, ['cases', 'amount_due'])
  const result = await sql<{ registered: string; latest: Date | null }>`
    with batch as (
      select c.id, c.policy_version_id, coalesce(c.segment, '') as segment,
        to_char(coalesce(i.first_failed_at, c.opened_at) at time zone 'UTC', 'YYYY-MM') as cohort,
        i.currency, i.amount_due, c.opened_at
      from dunning_cases c
      join invoices i on i.workspace_id = c.workspace_id and i.id = c.invoice_id
      where c.workspace_id = ${workspace} and c.opened_at >= ${since}
        and not exists (select 1 from case_outcomes o
          where o.workspace_id = c.workspace_id and o.case_id = c.id)
      order by c.opened_at
      limit ${limit}
    ), registered as (
      insert into case_outcomes (workspace_id, case_id, policy_version_id, segment, cohort,
        currency, amount_due)
      select ${workspace}, id, policy_version_id, segment, cohort, currency, amount_due from batch
      on conflict (workspace_id, case_id) do nothing
      returning case_id, policy_version_id, segment, cohort, currency, amount_due
    ), unpaid as (
      -- At risk of a first payment from the day it opened (unless one is recorded already).
      insert into outcome_open_days (workspace_id, policy_version_id, currency, opened_on, unpaid)
      select ${workspace}, r.policy_version_id, r.currency,
        (b.opened_at at time zone 'UTC')::date, count(*)
      from registered r join batch b on b.id = r.case_id
      where not exists (select 1 from outcome_first_payments f
        where f.workspace_id = ${workspace} and f.case_id = r.case_id)
      group by 1, 2, 3, 4
      ${addUnpaid}
    ), counted as (
      insert into outcome_case_rollups (workspace_id, policy_version_id, segment, cohort, currency,
        cases, amount_due)
      select ${workspace}, policy_version_id, segment, cohort, currency, count(*), sum(amount_due)
      from registered group by policy_version_id, segment, cohort, currency
      ${addCases}
    )
    select (select count(*) from batch) as registered, (select max(opened_at) from batch) as latest`.execute(
    db,
  )
  const row = result.rows[0]
  return { registered: Number(row?.registered ?? 0), latest: row?.latest ?? null }
}

/**
 * Adds newly attributed payments to their cases' recovery: the amount always, the case
 * only on its first payment; to a case already counted closed (paid after its close or
 * write-off), to what closed cases recovered too. A payment of a case not registered yet
 * is left out.
 */
export async function addRecoveries(
  db: Db,
  workspace: string,
  payments: readonly { readonly caseId: string; readonly amount: number }[],
): Promise<void> {
  if (payments.length === 0) return
  const rows = JSON.stringify(payments.map((p) => ({ case_id: p.caseId, amount: p.amount })))
  const addDeltas = sumOnConflict('outcome_case_rollups', ROLLUP_KEY, [
    'recovered_cases',
    'recovered_amount',
    'closed_recovered_amount',
  ])
  await sql`
    with paid as (
      select case_id, sum(amount) as amount
      from jsonb_to_recordset(${rows}::jsonb) as v(case_id uuid, amount bigint)
      group by case_id
    ), first_paid as (
      -- was: the row as the statement found it (was the case recovered already?)
      update case_outcomes o
      set recovered = true, recovered_amount = o.recovered_amount + paid.amount
      from paid, case_outcomes was
      where o.workspace_id = ${workspace} and o.case_id = paid.case_id
        and was.workspace_id = o.workspace_id and was.case_id = o.case_id
      returning o.case_id, not was.recovered as first
    )
    insert into outcome_case_rollups (workspace_id, policy_version_id, segment, cohort, currency,
      recovered_cases, recovered_amount, closed_recovered_amount)
    select ${workspace}, o.policy_version_id, o.segment, o.cohort, o.currency,
      count(f.case_id), sum(paid.amount), coalesce(sum(paid.amount) filter (where o.closed), 0)
    from paid
    join case_outcomes o on o.workspace_id = ${workspace} and o.case_id = paid.case_id
    left join first_paid f on f.case_id = paid.case_id and f.first
    group by o.policy_version_id, o.segment, o.cohort, o.currency
    ${addDeltas}`.execute(db)
}

/**
 * Counts the cases closed since `since` (registered, not yet counted): their sent
 * messages, whether a sent account action cancelled the subscription or wrote the debt
 * off, and what they recovered. Returns how many and the latest closing seen.
 */
export async function countClosedCases(
  db: Db,
  workspace: string,
  since: Date,
  limit: number,
): Promise<{ counted: number; latest: Date | null }> {
  const addDeltas = sumOnConflict('outcome_case_rollups', ROLLUP_KEY, [
    'closed_cases',
    'messages_sent',
    'cancellations',
    'write_offs',
    'closed_recovered_amount',
  ])
  const result = await sql<{ counted: string; latest: Date | null }>`
    with batch as (
      select o.case_id, c.customer_id, c.closed_at
      from dunning_cases c
      join case_outcomes o on o.workspace_id = c.workspace_id and o.case_id = c.id
      where c.workspace_id = ${workspace} and c.closed_at >= ${since} and not o.closed
      order by c.closed_at
      limit ${limit}
    ), counts as (
      select b.case_id,
        count(a.id) filter (where a.action_type = 'notify') as messages,
        coalesce(bool_or(a.action->>'operation' = 'cancel_subscription'), false) as cancelled,
        coalesce(bool_or(a.action->>'operation' = 'write_off'), false) as written_off
      from batch b
      -- Through the customer index: the ledger has none by case.
      left join dunning_actions a on a.workspace_id = ${workspace}
        and a.customer_id = b.customer_id and a.case_id = b.case_id and a.status = 'sent'
      group by b.case_id
    ), marked as (
      update case_outcomes o set closed = true from counts
      where o.workspace_id = ${workspace} and o.case_id = counts.case_id and not o.closed
      returning o.policy_version_id, o.segment, o.cohort, o.currency, counts.messages,
        counts.cancelled, counts.written_off, o.recovered_amount as recovered
    ), counted as (
      insert into outcome_case_rollups (workspace_id, policy_version_id, segment, cohort, currency,
        closed_cases, messages_sent, cancellations, write_offs, closed_recovered_amount)
      select ${workspace}, policy_version_id, segment, cohort, currency, count(*), sum(messages),
        count(*) filter (where cancelled), count(*) filter (where written_off), sum(recovered)
      from marked group by policy_version_id, segment, cohort, currency
      ${addDeltas}
    )
    select (select count(*) from batch) as counted, (select max(closed_at) from batch) as latest`.execute(
    db,
  )
  const row = result.rows[0]
  return { counted: Number(row?.counted ?? 0), latest: row?.latest ?? null }
}

/**
 * Fresh planner statistics for the outcome tables after a large catch-up: created empty,
 * they would otherwise look tiny to the planner until autovacuum next analyzes them, and
 * a batch would scan them whole instead of reading its slice by index.
 */
export async function analyzeOutcomeTables(db: Db): Promise<void> {
  await sql`analyze case_outcomes, payment_outcomes`.execute(db)
}

export async function listCaseRollups(db: Db, workspace: string): Promise<OutcomeCaseRollupRow[]> {
  const rows = await db
    .selectFrom('outcome_case_rollups')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .execute()
  return bigintsAsNumbers(rows, CASE_ROLLUP_COUNTS)
}

/** The summed counters of a case rollup row (bigint in the database, numbers here). */
export const CASE_ROLLUP_COUNTS = [
  'cases',
  'recovered_cases',
  'amount_due',
  'recovered_amount',
  'closed_cases',
  'messages_sent',
  'cancellations',
  'write_offs',
  'closed_recovered_amount',
] as const satisfies readonly (keyof OutcomeCaseRollupRow)[]
