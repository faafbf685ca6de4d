import { sql } from 'kysely'
import type { Db } from '../database.js'
import type { AttributionModel } from '../tables/outcomes.table.js'
import type {
  CreditDimension,
  OutcomeCollectCreditRow,
  OutcomeFunnelStepRow,
  OutcomeFunnelVersionRow,
  OutcomeRecoveryDayRow,
} from '../tables/outcome-figures.table.js'
import { bigintsAsNumbers } from './bigint-columns.js'
import { sumOnConflict } from './sum-on-conflict.js'

export interface CollectCreditDelta {
  readonly model: AttributionModel
  readonly dimension: CreditDimension
  readonly key: string
  readonly currency: string
  readonly day: number
  readonly payments: number
  readonly amount: number
}

/** A newly attributed payment, as the time-to-collect curves count it. */
export interface FirstPaymentCandidate {
  readonly caseId: string
  readonly policyVersionId: string
  readonly currency: string
  readonly day: number
}

/**
 * Counts the cases closed since `since` (registered, not yet in the funnel) into the funnel
 * of their version: each step with a sent action counts the case as reached, and as
 * recovered after it when an attributed payment came later than the step's first send.
 * Returns how many cases and the latest closing seen. Call after the payments are attributed.
 */
export async function countFunnelCases(
  db: Db,
  workspace: string,
  since: Date,
  limit: number,
): Promise<{ counted: number; latest: Date | null }> {
  const addToVersions = sumOnConflict(
    'outcome_funnel_versions',
    ['workspace_id', 'policy_version_id', 'currency'],
    ['closed_cases', 'recovered_cases', 'recovered_amount'],
  )
  const addToSteps = sumOnConflict(
    'outcome_funnel_steps',
    ['workspace_id', 'policy_version_id', 'step_id', 'currency'],
    ['cases_reached', 'reach_days', 'recovered_cases', 'recovered_amount'],
  )
  const result = await sql<{ counted: string; latest: Date | null }>`
    with batch as (
      select o.case_id, c.customer_id, c.opened_at, c.closed_at, o.policy_version_id, o.currency
      from dunning_cases c
      join case_outcomes o on o.workspace_id = c.workspace_id and o.case_id = c.id
      where c.workspace_id = ${workspace} and c.closed_at >= ${since}
        and not exists (select 1 from outcome_funnel_cases f
          where f.workspace_id = c.workspace_id and f.case_id = c.id)
      order by c.closed_at
      limit ${limit}
    ), marked as (
      insert into outcome_funnel_cases (workspace_id, case_id)
      select ${workspace}, case_id from batch
      on conflict (workspace_id, case_id) do nothing
      returning case_id
    ), counted as (
      select b.*, p.payments, p.amount
      from batch b
      join marked m on m.case_id = b.case_id
      cross join lateral (select count(*) as payments, coalesce(sum(amount), 0) as amount
        from payment_outcomes p where p.workspace_id = ${workspace} and p.case_id = b.case_id) p
    ), versions as (
      insert into outcome_funnel_versions (workspace_id, policy_version_id, currency,
        closed_cases, recovered_cases, recovered_amount)
      select ${workspace}, policy_version_id, currency, count(*),
        count(*) filter (where payments > 0), sum(amount)
      from counted group by policy_version_id, currency
      ${addToVersions}
    ), reached as (
      select k.case_id, k.policy_version_id, k.currency, k.opened_at, a.step_id,
        min(a.decided_at) as first_sent
      from counted k
      -- Through the customer index: the ledger has none by case.
      join dunning_actions a on a.workspace_id = ${workspace} and a.customer_id = k.customer_id
        and a.case_id = k.case_id and a.status = 'sent'
      group by k.case_id, k.policy_version_id, k.currency, k.opened_at, a.step_id
    ), after as (
      select r.*, p.payments, p.amount
      from reached r
      cross join lateral (select count(*) as payments, coalesce(sum(amount), 0) as amount
        from payment_outcomes p where p.workspace_id = ${workspace} and p.case_id = r.case_id
          and p.paid_at > r.first_sent) p
    ), steps as (
      insert into outcome_funnel_steps (workspace_id, policy_version_id, step_id, currency,
        cases_reached, reach_days, recovered_cases, recovered_amount)
      select ${workspace}, policy_version_id, step_id, currency, count(*),
        sum(greatest(0, floor(extract(epoch from first_sent - opened_at) / 86400))),
        count(*) filter (where payments > 0), sum(amount)
      from after group by policy_version_id, step_id, currency
      ${addToSteps}
    )
    select (select count(*) from batch) as counted, (select max(closed_at) from batch) as latest`.execute(
    db,
  )
  const row = result.rows[0]
  return { counted: Number(row?.counted ?? 0), latest: row?.latest ?? null }
}

/** A newly attributed payment, as the funnel of an already counted case takes it in. */
export interface LatePaymentCandidate {
  readonly eventKey: string
  readonly caseId: string
  readonly amount: number
  readonly paidAt: Date
}

/**
 * Adds newly attributed payments of cases already counted into the funnel (a payment that
 * arrived after its case closed, or after a write-off): their amount to the version and to
 * each step sent before them, and the case as recovered where none of its earlier payments
 * had made it so. The funnel then equals a recount from scratch. Call after the payments
 * are recorded in `payment_outcomes`, in the same transaction.
 */
export async function addLateFunnelPayments(
  db: Db,
  workspace: string,
  payments: readonly LatePaymentCandidate[],
): Promise<void> {
  if (payments.length === 0) return
  const rows = JSON.stringify(
    payments.map((p) => ({
      event_key: p.eventKey,
      case_id: p.caseId,
      amount: p.amount,
      paid_at: p.paidAt.toISOString(),
    })),
  )
  await sql`
    with fresh as (
      select * from jsonb_to_recordset(${rows}::jsonb) as v(event_key text, case_id uuid,
        amount bigint, paid_at timestamptz)
    ), late as (
      select f.* from fresh f
      join outcome_funnel_cases fc on fc.workspace_id = ${workspace} and fc.case_id = f.case_id
    ), cases as (
      select l.case_id, o.policy_version_id, o.currency, c.customer_id, sum(l.amount) as amount,
        not exists (select 1 from payment_outcomes p where p.workspace_id = ${workspace}
          and p.case_id = l.case_id
          and p.event_key not in (select event_key from fresh)) as first
      from late l
      join case_outcomes o on o.workspace_id = ${workspace} and o.case_id = l.case_id
      join dunning_cases c on c.workspace_id = ${workspace} and c.id = l.case_id
      group by l.case_id, o.policy_version_id, o.currency, c.customer_id
    ), versions as (
      update outcome_funnel_versions v set
        recovered_cases = v.recovered_cases + d.recovered, recovered_amount = v.recovered_amount + d.amount
      from (select policy_version_id, currency, count(*) filter (where first) as recovered,
          sum(amount) as amount from cases group by policy_version_id, currency) d
      where v.workspace_id = ${workspace} and v.policy_version_id = d.policy_version_id
        and v.currency = d.currency
    ), reached as (
      select k.case_id, k.policy_version_id, k.currency, a.step_id, min(a.decided_at) as first_sent
      from cases k
      -- Through the customer index: the ledger has none by case.
      join dunning_actions a on a.workspace_id = ${workspace} and a.customer_id = k.customer_id
        and a.case_id = k.case_id and a.status = 'sent'
      group by k.case_id, k.policy_version_id, k.currency, a.step_id
    ), after as (
      select r.policy_version_id, r.currency, r.step_id, sum(l.amount) as amount,
        not exists (select 1 from payment_outcomes p where p.workspace_id = ${workspace}
          and p.case_id = r.case_id and p.paid_at > r.first_sent
          and p.event_key not in (select event_key from fresh)) as first
      from reached r
      join late l on l.case_id = r.case_id and l.paid_at > r.first_sent
      group by r.case_id, r.policy_version_id, r.currency, r.step_id, r.first_sent
    )
    update outcome_funnel_steps s set
      recovered_cases = s.recovered_cases + d.recovered, recovered_amount = s.recovered_amount + d.amount
    from (select policy_version_id, currency, step_id, count(*) filter (where first) as recovered,
        sum(amount) as amount from after group by policy_version_id, currency, step_id) d
    where s.workspace_id = ${workspace} and s.policy_version_id = d.policy_version_id
      and s.currency = d.currency and s.step_id = d.step_id`.execute(db)
}

/** Adds credited payments to the days-to-collect histograms by step and channel. */
export async function addToCollectCredits(
  db: Db,
  workspace: string,
  deltas: readonly CollectCreditDelta[],
): Promise<void> {
  if (deltas.length === 0) return
  const addDeltas = sumOnConflict(
    'outcome_collect_credits',
    ['workspace_id', 'model', 'dimension', 'key', 'currency', 'day'],
    ['payments', 'amount'],
  )
  await sql`
    insert into outcome_collect_credits (workspace_id, model, dimension, key, currency, day,
      payments, amount)
    select ${workspace}, v.* from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as v(
      model text, dimension text, key text, currency text, day integer,
      payments double precision, amount double precision)
    ${addDeltas}`.execute(db)
}

/**
 * Records the day each case was first paid: its earliest payment among these, unless one
 * already recorded (from an earlier batch) is earlier still. The day histogram moves the
 * case from its former day to the new one, so a case counts once, on its earliest payment,
 * whichever order the payments arrived in. A registered case's first payment takes it off
 * the unpaid cases of its opening day.
 */
export async function addFirstPayments(
  db: Db,
  workspace: string,
  payments: readonly FirstPaymentCandidate[],
): Promise<void> {
  if (payments.length === 0) return
  const rows = JSON.stringify(
    payments.map((p) => ({
      case_id: p.caseId,
      policy_version_id: p.policyVersionId,
      currency: p.currency,
      day: p.day,
    })),
  )
  const addDeltas = sumOnConflict(
    'outcome_recovery_days',
    ['workspace_id', 'policy_version_id', 'currency', 'day'],
    ['cases'],
  )
  await sql`
    with earliest as (
      select case_id, policy_version_id, currency, min(day) as day
      from jsonb_to_recordset(${rows}::jsonb) as v(case_id uuid, policy_version_id uuid,
        currency text, day integer)
      group by case_id, policy_version_id, currency
    ), prior as (
      -- As the statement found them: the day a case leaves when an earlier one replaces it.
      select f.case_id, f.day from outcome_first_payments f
      join earliest e on f.workspace_id = ${workspace} and f.case_id = e.case_id
    ), first as (
      insert into outcome_first_payments (workspace_id, case_id, day)
      select ${workspace}, case_id, day from earliest
      on conflict (workspace_id, case_id) do update set day = excluded.day
        where excluded.day < outcome_first_payments.day
      returning case_id
    ), paid as (
      -- A registered case paid for the first time is no longer at risk from its opening day.
      update outcome_open_days d set unpaid = d.unpaid - x.cases
      from (select o.policy_version_id, o.currency, (c.opened_at at time zone 'UTC')::date as opened_on,
          count(*) as cases
        from first f
        join case_outcomes o on o.workspace_id = ${workspace} and o.case_id = f.case_id
        join dunning_cases c on c.workspace_id = ${workspace} and c.id = f.case_id
        where not exists (select 1 from prior p where p.case_id = f.case_id)
        group by 1, 2, 3) x
      where d.workspace_id = ${workspace} and d.policy_version_id = x.policy_version_id
        and d.currency = x.currency and d.opened_on = x.opened_on
    ), moves as (
      select e.policy_version_id, e.currency, e.day, 1 as cases
      from earliest e join first f on f.case_id = e.case_id
      union all
      select e.policy_version_id, e.currency, p.day, -1
      from earliest e join first f on f.case_id = e.case_id join prior p on p.case_id = e.case_id
    )
    insert into outcome_recovery_days (workspace_id, policy_version_id, currency, day, cases)
    select ${workspace}, policy_version_id, currency, day, sum(cases)
    from moves group by policy_version_id, currency, day
    ${addDeltas}`.execute(db)
}

export async function listFunnelVersions(
  db: Db,
  workspace: string,
): Promise<OutcomeFunnelVersionRow[]> {
  const rows = await db
    .selectFrom('outcome_funnel_versions')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('policy_version_id')
    .orderBy('currency')
    .execute()
  return bigintsAsNumbers(rows, ['closed_cases', 'recovered_cases', 'recovered_amount'])
}

export async function listFunnelSteps(db: Db, workspace: string): Promise<OutcomeFunnelStepRow[]> {
  const rows = await db
    .selectFrom('outcome_funnel_steps')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .execute()
  return bigintsAsNumbers(rows, [
    'cases_reached',
    'reach_days',
    'recovered_cases',
    'recovered_amount',
  ])
}

export async function listCollectCredits(
  db: Db,
  workspace: string,
  dimension: CreditDimension,
): Promise<OutcomeCollectCreditRow[]> {
  return db
    .selectFrom('outcome_collect_credits')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('dimension', '=', dimension)
    .orderBy('model')
    .orderBy('key')
    .orderBy('currency')
    .orderBy('day')
    .execute()
}

export async function listRecoveryDays(
  db: Db,
  workspace: string,
): Promise<OutcomeRecoveryDayRow[]> {
  const rows = await db
    .selectFrom('outcome_recovery_days')
    .selectAll()
    .where('workspace_id', '=', workspace)
    // A day every case moved away from (an earlier payment arrived later) holds none.
    .where('cases', '>', 0)
    .orderBy('policy_version_id')
    .orderBy('currency')
    .orderBy('day')
    .execute()
  return bigintsAsNumbers(rows, ['cases'])
}

/** Unpaid cases of a version and currency that opened `age` whole days before the as-of day. */
export interface OpenAge {
  readonly policyVersionId: string
  readonly currency: string
  readonly age: number
  readonly unpaid: number
}

/** Unpaid cases per version, currency and age in days (UTC) at `asOf`, where any are left. */
export async function listOpenAges(db: Db, workspace: string, asOf: Date): Promise<OpenAge[]> {
  const result = await sql<{
    policy_version_id: string
    currency: string
    age: number
    unpaid: string
  }>`
    select policy_version_id, currency,
      ((${asOf}::timestamptz at time zone 'UTC')::date - opened_on) as age, unpaid
    from outcome_open_days
    where workspace_id = ${workspace} and unpaid > 0`.execute(db)
  return result.rows.map((r) => ({
    policyVersionId: r.policy_version_id,
    currency: r.currency,
    age: Number(r.age),
    unpaid: Number(r.unpaid),
  }))
}

/** The job that records when the outcome figures were last brought up to date. */
export const REFRESHED_JOB = 'refreshed'

/** When a refresh last finished catching up: the figures' as-of time; null before any. */
export async function outcomesAsOf(db: Db, workspace: string): Promise<Date | null> {
  const row = await db
    .selectFrom('outcome_watermarks')
    .select('received_at')
    .where('workspace_id', '=', workspace)
    .where('job', '=', REFRESHED_JOB)
    .executeTakeFirst()
  return row?.received_at ?? null
}

/**
 * Takes the outcomes job's lock of this workspace for the rest of the transaction. Every
 * batch of the job takes it before anything else, so two runs (the runner's timer, a read
 * catching up) take turns batch by batch instead of locking rows in different orders. With
 * `wait: false` answers false at once when another run holds it.
 */
export async function lockOutcomesJob(db: Db, workspace: string, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`select pg_advisory_xact_lock(hashtext('dun.outcomes'), hashtext(${workspace}))`.execute(
      db,
    )
    return true
  }
  const result = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext('dun.outcomes'), hashtext(${workspace})) as locked`.execute(
    db,
  )
  return result.rows[0]?.locked === true
}
