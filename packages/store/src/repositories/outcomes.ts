import { sql } from 'kysely'
import type { Action } from '@dun/engine'
import type { Db } from '../database.js'
import type {
  AttributionModel,
  OutcomeCollectDayRow,
  OutcomeDimension,
  OutcomeMonthlyRow,
  OutcomeRollupRow,
} from '../tables/outcomes.table.js'
import { bigintsAsNumbers } from './bigint-columns.js'
import { sumOnConflict } from './sum-on-conflict.js'

/** A received payment of a case in dunning, not yet attributed. */
export interface UnattributedPayment {
  readonly eventKey: string
  readonly receivedAt: Date
  readonly caseId: string
  readonly customerId: string
  readonly policyVersionId: string
  readonly segment: string
  readonly currency: string
  readonly amount: number
  readonly paidAt: Date
  readonly openedAt: Date
}

/** A sent action of a case: what attribution can credit. */
export interface SentAction {
  readonly id: string
  readonly caseId: string
  readonly stepId: string
  readonly decidedAt: Date
  readonly action: Action
}

export interface AttributionShare {
  readonly eventKey: string
  readonly model: AttributionModel
  readonly position: number
  readonly actionId: string | null
  readonly stepId: string | null
  readonly channel: string | null
  readonly template: string | null
  readonly credit: number
}

export interface RollupDelta {
  readonly model: AttributionModel
  readonly dimension: OutcomeDimension
  readonly key: string
  readonly currency: string
  readonly payments: number
  readonly amount: number
}

export interface CollectDayDelta {
  readonly policyVersionId: string
  readonly segment: string
  readonly currency: string
  readonly day: number
  readonly payments: number
  readonly amount: number
}

/** Where a job stopped reading `payment_events`; the epoch when it never ran. */
export async function lockWatermark(db: Db, workspace: string, job: string): Promise<Date> {
  await db
    .insertInto('outcome_watermarks')
    .values({ workspace_id: workspace, job, received_at: new Date(0) })
    .onConflict((oc) => oc.columns(['workspace_id', 'job']).doNothing())
    .execute()
  // FOR UPDATE: two jobs at once would otherwise both count the same payments.
  const row = await db
    .selectFrom('outcome_watermarks')
    .select('received_at')
    .where('workspace_id', '=', workspace)
    .where('job', '=', job)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return row.received_at
}

export async function saveWatermark(
  db: Db,
  workspace: string,
  job: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('outcome_watermarks')
    .set({ received_at: at })
    .where('workspace_id', '=', workspace)
    .where('job', '=', job)
    .execute()
}

/**
 * Payments received since `since` that belong to a case opened before them and are not yet
 * attributed, oldest first. A payment without an amount settled the invoice: it counts as
 * the amount due less the payments before it.
 */
export async function findUnattributedPayments(
  db: Db,
  workspace: string,
  since: Date,
  limit: number,
): Promise<UnattributedPayment[]> {
  const rows = await db
    .selectFrom('payment_events as e')
    .innerJoin('dunning_cases as c', (j) =>
      j
        .onRef('c.workspace_id', '=', 'e.workspace_id')
        .onRef('c.invoice_id', '=', 'e.invoice_id')
        .onRef('c.opened_at', '<=', 'e.at'),
    )
    .innerJoin('invoices as i', (j) =>
      j.onRef('i.workspace_id', '=', 'e.workspace_id').onRef('i.id', '=', 'e.invoice_id'),
    )
    .where('e.workspace_id', '=', workspace)
    .where('e.type', '=', 'payment_succeeded')
    .where('e.received_at', '>=', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payment_outcomes as o')
            .select('o.event_key')
            .whereRef('o.workspace_id', '=', 'e.workspace_id')
            .whereRef('o.event_key', '=', 'e.event_key'),
        ),
      ),
    )
    .select([
      'e.event_key',
      'e.received_at',
      'e.at',
      'c.id as case_id',
      'c.customer_id',
      'c.policy_version_id',
      'c.segment',
      'c.opened_at',
      'i.currency',
      sql<string>`coalesce((e.payload->>'amount')::bigint, greatest(0, i.amount_due - coalesce((
        select sum((p.payload->>'amount')::bigint) from payment_events p
        where p.workspace_id = e.workspace_id and p.invoice_id = e.invoice_id
          and p.type = 'payment_succeeded' and p.at < e.at), 0)))`.as('amount'),
    ])
    .orderBy('e.received_at')
    .orderBy('e.event_key')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    eventKey: r.event_key,
    receivedAt: r.received_at,
    caseId: r.case_id,
    customerId: r.customer_id,
    policyVersionId: r.policy_version_id,
    segment: r.segment ?? '',
    currency: r.currency,
    amount: Number(r.amount),
    paidAt: r.at,
    openedAt: r.opened_at,
  }))
}

/**
 * The sent actions of these cases. Filtered by customer too: the ledger is indexed by
 * customer, not by case, and a customer has few cases.
 */
export async function findSentActions(
  db: Db,
  workspace: string,
  cases: readonly { readonly caseId: string; readonly customerId: string }[],
): Promise<SentAction[]> {
  if (cases.length === 0) return []
  const rows = await db
    .selectFrom('dunning_actions')
    .select(['id', 'case_id', 'step_id', 'decided_at', 'action'])
    .where('workspace_id', '=', workspace)
    .where('customer_id', 'in', [...new Set(cases.map((c) => c.customerId))])
    .where(
      'case_id',
      'in',
      cases.map((c) => c.caseId),
    )
    .where('status', '=', 'sent')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    stepId: r.step_id,
    decidedAt: r.decided_at,
    action: r.action,
  }))
}

// Batches go in as one JSON parameter: a row per parameter set would pass Postgres's
// 65,535-parameter limit at a few thousand payments.

/**
 * Records payments as attributed and adds them to the rollups. Only the payments actually
 * inserted here are counted, so a payment seen twice (overlapping runs) is counted once.
 * Call inside one transaction.
 */
export async function recordAttributions(
  db: Db,
  workspace: string,
  payments: readonly UnattributedPayment[],
  daysToCollect: (p: UnattributedPayment) => number,
): Promise<Set<string>> {
  if (payments.length === 0) return new Set()
  const rows = JSON.stringify(
    payments.map((p) => ({
      event_key: p.eventKey,
      case_id: p.caseId,
      policy_version_id: p.policyVersionId,
      segment: p.segment,
      currency: p.currency,
      amount: p.amount,
      paid_at: p.paidAt.toISOString(),
      days_to_collect: daysToCollect(p),
    })),
  )
  const inserted = await sql<{ event_key: string }>`
    insert into payment_outcomes (workspace_id, event_key, case_id, policy_version_id, segment,
      currency, amount, paid_at, days_to_collect)
    select ${workspace}, v.* from jsonb_to_recordset(${rows}::jsonb) as v(event_key text,
      case_id uuid, policy_version_id uuid, segment text, currency text, amount bigint,
      paid_at timestamptz, days_to_collect integer)
    on conflict (workspace_id, event_key) do nothing
    returning event_key`.execute(db)
  return new Set(inserted.rows.map((r) => r.event_key))
}

export async function insertAttributionShares(
  db: Db,
  workspace: string,
  shares: readonly AttributionShare[],
): Promise<void> {
  if (shares.length === 0) return
  const rows = JSON.stringify(
    shares.map((r) => ({
      event_key: r.eventKey,
      model: r.model,
      position: r.position,
      action_id: r.actionId,
      step_id: r.stepId,
      channel: r.channel,
      template: r.template,
      credit: r.credit,
    })),
  )
  await sql`
    insert into payment_attributions (workspace_id, event_key, model, position, action_id,
      step_id, channel, template, credit)
    select ${workspace}, v.* from jsonb_to_recordset(${rows}::jsonb) as v(event_key text,
      model text, position integer, action_id uuid, step_id text, channel text, template text,
      credit double precision)`.execute(db)
}

/** Adds deltas to the rollups (one row per key, summed by the caller). */
export async function addToRollups(
  db: Db,
  workspace: string,
  deltas: readonly RollupDelta[],
): Promise<void> {
  if (deltas.length === 0) return
  const addDeltas = sumOnConflict(
    'outcome_rollups',
    ['workspace_id', 'model', 'dimension', 'key', 'currency'],
    ['payments', 'amount'],
  )
  await sql`
    insert into outcome_rollups (workspace_id, model, dimension, key, currency, payments, amount)
    select ${workspace}, v.* from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as v(
      model text, dimension text, key text, currency text, payments double precision,
      amount double precision)
    ${addDeltas}`.execute(db)
}

export async function addToCollectDays(
  db: Db,
  workspace: string,
  deltas: readonly CollectDayDelta[],
): Promise<void> {
  if (deltas.length === 0) return
  const addDeltas = sumOnConflict(
    'outcome_collect_days',
    ['workspace_id', 'policy_version_id', 'segment', 'currency', 'day'],
    ['payments', 'amount'],
  )
  await sql`
    insert into outcome_collect_days (workspace_id, policy_version_id, segment, currency, day,
      payments, amount)
    select ${workspace}, v.* from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as v(
      "policyVersionId" uuid, segment text, currency text, day integer, payments bigint,
      amount bigint)
    ${addDeltas}`.execute(db)
}

/**
 * Adds payments to their month of payment (UTC). Days are whole days from the case
 * opening, as `payment_outcomes.days_to_collect`.
 */
export async function addToMonthly(
  db: Db,
  workspace: string,
  payments: readonly {
    policyVersionId: string
    paidAt: Date
    currency: string
    amount: number
    days: number
  }[],
): Promise<void> {
  if (payments.length === 0) return
  const rows = JSON.stringify(
    payments.map((p) => ({
      policy_version_id: p.policyVersionId,
      month: p.paidAt.toISOString().slice(0, 7),
      currency: p.currency,
      amount: p.amount,
      days: p.days,
    })),
  )
  const addDeltas = sumOnConflict(
    'outcome_monthly',
    ['workspace_id', 'policy_version_id', 'month', 'currency'],
    ['payments', 'amount', 'amount_days'],
  )
  await sql`
    insert into outcome_monthly (workspace_id, policy_version_id, month, currency, payments,
      amount, amount_days)
    select ${workspace}, policy_version_id, month, currency, count(*), sum(amount),
      sum(amount * days)
    from jsonb_to_recordset(${rows}::jsonb) as v(policy_version_id uuid, month text,
      currency text, amount bigint, days bigint)
    group by policy_version_id, month, currency
    ${addDeltas}`.execute(db)
}

export async function listMonthly(db: Db, workspace: string): Promise<OutcomeMonthlyRow[]> {
  const rows = await db
    .selectFrom('outcome_monthly')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('month')
    .orderBy('policy_version_id')
    .orderBy('currency')
    .execute()
  return bigintsAsNumbers(rows, ['payments', 'amount', 'amount_days'])
}

export async function listRollups(
  db: Db,
  workspace: string,
  dimension: OutcomeDimension,
): Promise<OutcomeRollupRow[]> {
  return db
    .selectFrom('outcome_rollups')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('dimension', '=', dimension)
    .orderBy('model')
    .orderBy('key')
    .orderBy('currency')
    .execute()
}

export async function listCollectDays(db: Db, workspace: string): Promise<OutcomeCollectDayRow[]> {
  const rows = await db
    .selectFrom('outcome_collect_days')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('policy_version_id')
    .orderBy('segment')
    .orderBy('currency')
    .orderBy('day')
    .execute()
  return bigintsAsNumbers(rows, ['payments', 'amount'])
}
