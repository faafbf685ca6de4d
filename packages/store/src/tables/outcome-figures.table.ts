import type { ColumnType, Selectable } from 'kysely'
import type { AttributionModel } from './outcomes.table.js'

/** A closed case already counted into the funnel. */
export interface OutcomeFunnelCasesTable {
  workspace_id: string
  case_id: string
}

/** Closed cases of a version and currency: the top of its funnel. */
export interface OutcomeFunnelVersionsTable {
  workspace_id: string
  policy_version_id: string
  currency: string
  closed_cases: ColumnType<number, number, number>
  recovered_cases: ColumnType<number, number, number>
  recovered_amount: ColumnType<number, number, number>
}

/** Closed cases that reached a step (a sent action), and what they recovered after it. */
export interface OutcomeFunnelStepsTable {
  workspace_id: string
  policy_version_id: string
  step_id: string
  currency: string
  cases_reached: ColumnType<number, number, number>
  /** Sum over the cases of whole days from opening to the step's first send. */
  reach_days: ColumnType<number, number, number>
  recovered_cases: ColumnType<number, number, number>
  recovered_amount: ColumnType<number, number, number>
}

/** What days to collect are broken down by, besides version and segment. */
export type CreditDimension = 'step' | 'channel'

/** Credited payments per whole day to collect, per model, step or channel, and currency. */
export interface OutcomeCollectCreditsTable {
  workspace_id: string
  model: AttributionModel
  dimension: CreditDimension
  key: string
  currency: string
  day: number
  payments: number
  amount: number
}

/** The day (from opening) of a case's first attributed payment. */
export interface OutcomeFirstPaymentsTable {
  workspace_id: string
  case_id: string
  day: number
}

/** Cases first paid on each day since opening, per version and currency. */
export interface OutcomeRecoveryDaysTable {
  workspace_id: string
  policy_version_id: string
  currency: string
  day: number
  cases: ColumnType<number, number, number>
}

/**
 * Registered cases not yet paid, per version, currency and UTC day of opening: how many
 * are still at risk of a first payment, and for how long they have been.
 */
export interface OutcomeOpenDaysTable {
  workspace_id: string
  policy_version_id: string
  currency: string
  opened_on: ColumnType<Date, Date | string, Date | string>
  unpaid: ColumnType<number, number, number>
}

export type OutcomeFunnelVersionRow = Selectable<OutcomeFunnelVersionsTable>
export type OutcomeFunnelStepRow = Selectable<OutcomeFunnelStepsTable>
export type OutcomeCollectCreditRow = Selectable<OutcomeCollectCreditsTable>
export type OutcomeRecoveryDayRow = Selectable<OutcomeRecoveryDaysTable>
export type OutcomeOpenDayRow = Selectable<OutcomeOpenDaysTable>
