import { sql } from 'kysely'
import type { Db } from '../database.js'
import type { CaseStatus } from '@dun/engine'
import type { CaseProblem } from '../tables/cases.table.js'
import type { InvoiceRow } from '../tables/invoices.table.js'

/**
 * An invoice the scheduler must look at, with its open case when it has one: either an
 * open case (whatever the invoice's state now: a settled invoice stops its case), or an
 * open invoice with a balance that never had a case (the scheduler opens one).
 */
export interface DunningInvoiceRow extends InvoiceRow {
  readonly case: OpenCaseRow | null
}

export interface OpenCaseRow {
  readonly id: string
  readonly policy_version_id: string
  readonly state: CaseStatus
  readonly segment: string | null
  readonly steps_done: string[]
  readonly retries: Date[]
}

/** Loads, for each customer, the invoices in dunning and those about to enter it. */
export async function findDunningInvoices(
  db: Db,
  workspace: string,
  customerIds: readonly string[],
): Promise<DunningInvoiceRow[]> {
  if (customerIds.length === 0) return []
  const rows = await db
    .selectFrom('invoices as i')
    .leftJoin('dunning_cases as c', (join) =>
      join
        .onRef('c.workspace_id', '=', 'i.workspace_id')
        .onRef('c.invoice_id', '=', 'i.id')
        .on('c.closed_at', 'is', null),
    )
    .selectAll('i')
    .select([
      'c.id as case_id',
      'c.policy_version_id',
      'c.state as case_state',
      'c.segment as case_segment',
      'c.steps_done as case_steps_done',
      'c.retries as case_retries',
    ])
    .where('i.workspace_id', '=', workspace)
    // One array parameter, whatever the batch size: one plan, cheap to parse.
    .where(sql<boolean>`i.customer_id = any(${[...customerIds]}::text[])`)
    .where((eb) =>
      eb.or([
        eb('c.id', 'is not', null),
        eb.and([
          eb('i.status', '=', 'open'),
          eb('i.balance', '>', 0),
          eb.not(
            eb.exists(
              eb
                .selectFrom('dunning_cases as d')
                .select('d.id')
                .whereRef('d.workspace_id', '=', 'i.workspace_id')
                .whereRef('d.invoice_id', '=', 'i.id'),
            ),
          ),
        ]),
      ]),
    )
    .orderBy('i.customer_id')
    .orderBy('i.issued_at')
    .orderBy('i.id')
    .execute()
  return rows.map(
    ({
      case_id,
      policy_version_id,
      case_state,
      case_segment,
      case_steps_done,
      case_retries,
      ...invoice
    }) => ({
      ...invoice,
      case:
        case_id === null || policy_version_id === null || case_state === null
          ? null
          : {
              id: case_id,
              policy_version_id,
              state: case_state,
              segment: case_segment,
              steps_done: case_steps_done ?? [],
              retries: case_retries ?? [],
            },
    }),
  )
}

/** A case's state after an evaluation. */
export interface CaseChange {
  readonly id: string
  readonly state: CaseStatus
  readonly segment: string | null
  readonly stepsDone: readonly string[]
  readonly retries: readonly Date[]
  readonly problem: CaseProblem | null
  /** Set when the case is over (stopped or rejected). */
  readonly closedAt: Date | null
}

/** A case opened by an evaluation, written with the state that evaluation left it in. */
export interface NewCase extends CaseChange {
  readonly invoiceId: string
  readonly customerId: string
  readonly versionId: string
  readonly openedAt: Date
}

/** Opens cases in one statement; ids are chosen by the caller so actions can name them at once. */
export async function openCases(
  db: Db,
  workspace: string,
  cases: readonly NewCase[],
): Promise<void> {
  if (cases.length === 0) return
  const rows = caseRecords(cases, (c) => ({
    invoice_id: c.invoiceId,
    customer_id: c.customerId,
    policy_version_id: c.versionId,
    opened_at: c.openedAt.toISOString(),
  }))
  await sql`
    insert into dunning_cases (workspace_id, id, invoice_id, customer_id, policy_version_id, state,
      segment, steps_done, retries, problem, opened_at, closed_at)
    select ${workspace}, v.id, v.invoice_id, v.customer_id, v.policy_version_id, v.state, v.segment,
      array(select jsonb_array_elements_text(v.steps_done)),
      array(select jsonb_array_elements_text(v.retries)::timestamptz),
      v.problem, v.opened_at, v.closed_at
    from jsonb_to_recordset(${rows}::jsonb) as v(
      id uuid, invoice_id text, customer_id text, policy_version_id uuid, state text, segment text,
      steps_done jsonb, retries jsonb, problem jsonb, opened_at timestamptz, closed_at timestamptz)`.execute(
    db,
  )
}

/** Writes every case's new state in one statement, whatever the batch size. */
export async function updateCases(
  db: Db,
  workspace: string,
  changes: readonly CaseChange[],
): Promise<void> {
  if (changes.length === 0) return
  const rows = caseRecords(changes, () => ({}))
  await sql`
    update dunning_cases as c set
      state = v.state,
      segment = v.segment,
      steps_done = array(select jsonb_array_elements_text(v.steps_done)),
      retries = array(select jsonb_array_elements_text(v.retries)::timestamptz),
      problem = v.problem,
      closed_at = v.closed_at
    from jsonb_to_recordset(${rows}::jsonb) as v(
      id uuid, state text, segment text, steps_done jsonb, retries jsonb, problem jsonb,
      closed_at timestamptz)
    where c.workspace_id = ${workspace} and c.id = v.id`.execute(db)
}

/** Cases as one JSON document: a single parameter, expanded by `jsonb_to_recordset`. */
function caseRecords<T extends CaseChange>(cases: readonly T[], extra: (c: T) => object): string {
  return JSON.stringify(
    cases.map((c) => ({
      id: c.id,
      state: c.state,
      segment: c.segment,
      steps_done: c.stepsDone,
      retries: c.retries.map((at) => at.toISOString()),
      problem: c.problem,
      closed_at: c.closedAt?.toISOString() ?? null,
      ...extra(c),
    })),
  )
}

/** A write-off makes the invoice uncollectible, which stops its case at the next evaluation. */
export async function markInvoicesUncollectible(
  db: Db,
  workspace: string,
  invoiceIds: readonly string[],
): Promise<void> {
  if (invoiceIds.length === 0) return
  await db
    .updateTable('invoices')
    .set({ status: 'uncollectible', updated_at: new Date() })
    .where('workspace_id', '=', workspace)
    .where('id', 'in', [...invoiceIds])
    .where('status', '=', 'open')
    .execute()
}
