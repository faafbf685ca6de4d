import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

export type ExperimentState = 'running' | 'stopped' | 'promoted'

/** An experiment between published versions of one policy; while running it is the policy's live setting. */
export interface ExperimentsTable {
  workspace_id: string
  id: Generated<string>
  policy_id: string
  name: string
  state: ExperimentState
  minimum_sample_per_arm: number
  started_by: string
  started_at: ColumnType<Date, Date | string | undefined, never>
  stopped_by: string | null
  stopped_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** The arm whose version was sent through the publishing rule. */
  promoted_arm: string | null
  /** The draft made from the winner, published once approved. */
  promoted_version_id: string | null
}

export interface ExperimentArmsTable {
  workspace_id: string
  experiment_id: string
  name: string
  /** 0 is the control every other arm is compared with. */
  position: number
  version_id: string
  weight: number
}

/** The arm a case was assigned when the scheduler opened it. */
export interface ExperimentAssignmentsTable {
  workspace_id: string
  case_id: string
  experiment_id: string
  arm: string
  customer_id: string
}

export type ExperimentRow = Selectable<ExperimentsTable>
export type NewExperimentRow = Insertable<ExperimentsTable>
export type ExperimentArmRow = Selectable<ExperimentArmsTable>
export type ExperimentAssignmentRow = Selectable<ExperimentAssignmentsTable>
