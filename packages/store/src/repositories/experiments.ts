import { sql } from 'kysely'
import type { Action } from '@dun/engine'
import type { Db } from '../database.js'
import type {
  ExperimentArmRow,
  ExperimentRow,
  ExperimentState,
} from '../tables/experiments.table.js'

export interface NewExperiment {
  readonly policyId: string
  readonly name: string
  readonly minimumSamplePerArm: number
  readonly startedBy: string
  readonly startedAt: Date
  /** In order: the first is the control. */
  readonly arms: readonly { name: string; versionId: string; weight: number }[]
}

export interface ExperimentWithArms {
  readonly experiment: ExperimentRow
  readonly arms: readonly ExperimentArmRow[]
}

export async function insertExperiment(
  db: Db,
  workspace: string,
  input: NewExperiment,
): Promise<ExperimentWithArms> {
  const experiment = await db
    .insertInto('experiments')
    .values({
      workspace_id: workspace,
      policy_id: input.policyId,
      name: input.name,
      state: 'running',
      minimum_sample_per_arm: input.minimumSamplePerArm,
      started_by: input.startedBy,
      started_at: input.startedAt,
      stopped_by: null,
      promoted_arm: null,
      promoted_version_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const arms = await db
    .insertInto('experiment_arms')
    .values(
      input.arms.map((arm, position) => ({
        workspace_id: workspace,
        experiment_id: experiment.id,
        name: arm.name,
        position,
        version_id: arm.versionId,
        weight: arm.weight,
      })),
    )
    .returningAll()
    .execute()
  return { experiment, arms: arms.sort((a, b) => a.position - b.position) }
}

export async function findExperiment(
  db: Db,
  workspace: string,
  id: string,
): Promise<ExperimentWithArms | undefined> {
  const experiment = await db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .executeTakeFirst()
  return experiment && { experiment, arms: await armsOf(db, workspace, experiment.id) }
}

/** The policy's running experiment, if any: while it runs it decides the version of new cases. */
export async function findRunningExperiment(
  db: Db,
  workspace: string,
  policyId: string,
): Promise<ExperimentWithArms | undefined> {
  const experiment = await db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('policy_id', '=', policyId)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return experiment && { experiment, arms: await armsOf(db, workspace, experiment.id) }
}

export async function listExperiments(db: Db, workspace: string): Promise<ExperimentRow[]> {
  return db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('started_at', 'desc')
    .execute()
}

async function armsOf(
  db: Db,
  workspace: string,
  experimentId: string,
): Promise<ExperimentArmRow[]> {
  return db
    .selectFrom('experiment_arms')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('experiment_id', '=', experimentId)
    .orderBy('position')
    .execute()
}

export interface ExperimentEnd {
  readonly state: Exclude<ExperimentState, 'running'>
  readonly by: string
  readonly at: Date
  readonly promotedArm?: string
  readonly promotedVersionId?: string
}

/** Ends a running experiment; false if it was not running (someone ended it first). */
export async function endExperiment(
  db: Db,
  workspace: string,
  id: string,
  end: ExperimentEnd,
): Promise<boolean> {
  const result = await db
    .updateTable('experiments')
    .set({
      state: end.state,
      stopped_by: end.by,
      stopped_at: end.at,
      promoted_arm: end.promotedArm ?? null,
      promoted_version_id: end.promotedVersionId ?? null,
    })
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export interface NewAssignment {
  readonly caseId: string
  readonly experimentId: string
  readonly arm: string
  readonly customerId: string
}

export async function recordAssignments(
  db: Db,
  workspace: string,
  assignments: readonly NewAssignment[],
): Promise<void> {
  if (assignments.length === 0) return
  await db
    .insertInto('experiment_assignments')
    .values(
      assignments.map((a) => ({
        workspace_id: workspace,
        case_id: a.caseId,
        experiment_id: a.experimentId,
        arm: a.arm,
        customer_id: a.customerId,
      })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'case_id']).doNothing())
    .execute()
}

/** One assigned case: its arm, when it opened and when its invoice was first paid after that. */
export interface AssignedCaseOutcome {
  readonly arm: string
  readonly segment: string | null
  readonly openedAt: Date
  readonly paidAt: Date | null
}

export async function assignedCaseOutcomes(
  db: Db,
  workspace: string,
  experimentId: string,
): Promise<AssignedCaseOutcome[]> {
  const rows = await db
    .selectFrom('experiment_assignments as a')
    .innerJoin('dunning_cases as c', (join) =>
      join.onRef('c.workspace_id', '=', 'a.workspace_id').onRef('c.id', '=', 'a.case_id'),
    )
    .select(['a.arm', 'c.segment', 'c.opened_at', firstPaymentAfterOpening()])
    .where('a.workspace_id', '=', workspace)
    .where('a.experiment_id', '=', experimentId)
    .execute()
  return rows.map((r) => ({
    arm: r.arm,
    segment: r.segment,
    openedAt: r.opened_at,
    paidAt: r.paid_at === null ? null : new Date(r.paid_at),
  }))
}

/**
 * The experiment that decides new cases' versions for this policy: the running one, or a
 * promoted one whose winner still waits for approval (traffic stays split until the winner
 * is published, so no customer falls back to a version the experiment was meant to replace).
 */
export async function findLiveExperiment(
  db: Db,
  workspace: string,
  policyId: string,
): Promise<ExperimentWithArms | undefined> {
  const experiment = await db
    .selectFrom('experiments as e')
    .leftJoin('policy_versions as v', (join) =>
      join
        .onRef('v.workspace_id', '=', 'e.workspace_id')
        .onRef('v.id', '=', 'e.promoted_version_id'),
    )
    .selectAll('e')
    .where('e.workspace_id', '=', workspace)
    .where('e.policy_id', '=', policyId)
    .where((eb) =>
      eb.or([
        eb('e.state', '=', 'running'),
        eb.and([
          eb('e.state', '=', 'promoted'),
          eb('v.state', 'in', ['draft', 'pending_approval']),
        ]),
      ]),
    )
    .orderBy('e.started_at', 'desc')
    .executeTakeFirst()
  return experiment && { experiment, arms: await armsOf(db, workspace, experiment.id) }
}

export interface LedgerHistory {
  /** Cases the engine segmented, with the first payment after each opened. */
  readonly cases: readonly {
    id: string
    segment: string
    openedAt: Date
    closedAt: Date | null
    paidAt: Date | null
  }[]
  /** Actions delivered (status sent), when they completed. */
  readonly contacts: readonly { caseId: string; action: Action; at: Date }[]
}

/** What the fitted response model learns from: the ledger's cases, sent actions and payments. */
export async function ledgerHistory(db: Db, workspace: string): Promise<LedgerHistory> {
  const caseRows = await db
    .selectFrom('dunning_cases as c')
    .select(['c.id', 'c.segment', 'c.opened_at', 'c.closed_at', firstPaymentAfterOpening()])
    .where('c.workspace_id', '=', workspace)
    .where('c.segment', 'is not', null)
    .execute()
  const actionRows = await db
    .selectFrom('dunning_actions')
    .select(['case_id', 'action', 'completed_at', 'scheduled_at'])
    .where('workspace_id', '=', workspace)
    .where('status', '=', 'sent')
    .execute()
  return {
    cases: caseRows.map((c) => ({
      id: c.id,
      segment: c.segment!,
      openedAt: c.opened_at,
      closedAt: c.closed_at,
      paidAt: c.paid_at === null ? null : new Date(c.paid_at),
    })),
    contacts: actionRows.map((a) => ({
      caseId: a.case_id,
      action: a.action,
      at: a.completed_at ?? a.scheduled_at,
    })),
  }
}

/** The first payment of case `c`'s invoice at or after the case opened (`paid_at`). */
function firstPaymentAfterOpening() {
  return sql<Date | string | null>`(
    select min(p.at) from payment_events p
    where p.workspace_id = c.workspace_id and p.invoice_id = c.invoice_id
      and p.type = 'payment_succeeded' and p.at >= c.opened_at)`.as('paid_at')
}
