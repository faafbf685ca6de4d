import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { CaseStatus } from '@dun/engine'

/** One case per invoice in dunning, pinned to the policy version it started under. */
export interface DunningCasesTable {
  workspace_id: string
  id: Generated<string>
  invoice_id: string
  customer_id: string
  policy_version_id: string
  state: CaseStatus
  segment: string | null
  steps_done: ColumnType<string[], string[] | undefined, string[]>
  retries: ColumnType<Date[], Date[] | undefined, Date[]>
  opened_at: ColumnType<Date, Date | string | undefined, never>
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Why the engine rejected the case; null unless `state` is `rejected`. */
  problem: ColumnType<CaseProblem | null, string | null | undefined, string | null>
}

export interface CaseProblem {
  readonly code: string
  readonly message: string
}

/** The unit of scheduling is the customer: caps and quiet hours are per customer. */
export interface CustomerScheduleTable {
  workspace_id: string
  customer_id: string
  next_action_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type CaseRow = Selectable<DunningCasesTable>
export type NewCaseRow = Insertable<DunningCasesTable>
export type CaseUpdate = Updateable<DunningCasesTable>
export type ScheduleRow = Selectable<CustomerScheduleTable>
