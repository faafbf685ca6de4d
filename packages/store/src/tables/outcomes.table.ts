import type { ColumnType, Selectable } from 'kysely'

/** The two attribution models, reported side by side. */
export type AttributionModel = 'last_touch' | 'position'

/** What outcome rollups are keyed by. */
export type OutcomeDimension = 'version' | 'segment' | 'step' | 'channel' | 'template'

/** A payment linked to its case and pinned policy version (one row per payment event). */
export interface PaymentOutcomesTable {
  workspace_id: string
  event_key: string
  case_id: string
  policy_version_id: string
  /** '' when the case has no segment: the column is part of rollup keys. */
  segment: string
  currency: string
  amount: ColumnType<number, number, never>
  paid_at: ColumnType<Date, Date | string, never>
  /** Whole days from the case opening to the payment. */
  days_to_collect: number
}

/** One share of a payment's credit; `action_id` null means unattributed. */
export interface PaymentAttributionsTable {
  workspace_id: string
  event_key: string
  model: AttributionModel
  position: number
  action_id: string | null
  step_id: string | null
  channel: string | null
  template: string | null
  credit: number
}

/** Credited payments and amount per model, dimension, key and currency. */
export interface OutcomeRollupsTable {
  workspace_id: string
  model: AttributionModel
  dimension: OutcomeDimension
  key: string
  currency: string
  payments: number
  amount: number
}

/** Payments per whole day to collect: the distribution behind median and p90. */
export interface OutcomeCollectDaysTable {
  workspace_id: string
  policy_version_id: string
  segment: string
  currency: string
  day: number
  payments: ColumnType<number, number, number>
  amount: ColumnType<number, number, number>
}

/** How far a job has read `payment_events` (by `received_at`). */
export interface OutcomeWatermarksTable {
  workspace_id: string
  job: string
  received_at: ColumnType<Date, Date | string, Date | string>
}

/** A case as recovery rates count it: cohort is the month (UTC) of the first failed payment. */
export interface CaseOutcomesTable {
  workspace_id: string
  case_id: string
  policy_version_id: string
  segment: string
  cohort: string
  currency: string
  amount_due: ColumnType<number, number, never>
  recovered: ColumnType<boolean, boolean | undefined, boolean>
  recovered_amount: ColumnType<number, number | undefined, number>
  closed: ColumnType<boolean, boolean | undefined, boolean>
}

/** Cases and recoveries per version, segment, cohort and currency. */
export interface OutcomeCaseRollupsTable {
  workspace_id: string
  policy_version_id: string
  segment: string
  cohort: string
  currency: string
  cases: ColumnType<number, number | undefined, number>
  amount_due: ColumnType<number, number | undefined, number>
  recovered_cases: ColumnType<number, number | undefined, number>
  recovered_amount: ColumnType<number, number | undefined, number>
  /** Counted when a case closes: its sent messages, and whether dunning cancelled or wrote it off. */
  closed_cases: ColumnType<number, number | undefined, number>
  messages_sent: ColumnType<number, number | undefined, number>
  cancellations: ColumnType<number, number | undefined, number>
  write_offs: ColumnType<number, number | undefined, number>
  /** What the closed cases recovered: the denominator of messages per unit recovered. */
  closed_recovered_amount: ColumnType<number, number | undefined, number>
}

/** Payments collected per month (UTC) of payment, with amount × days to collect. */
export interface OutcomeMonthlyTable {
  workspace_id: string
  policy_version_id: string
  month: string
  currency: string
  payments: number
  amount: number
  amount_days: number
}

export type OutcomeMonthlyRow = Selectable<OutcomeMonthlyTable>
export type OutcomeCaseRollupRow = Selectable<OutcomeCaseRollupsTable>
export type PaymentOutcomeRow = Selectable<PaymentOutcomesTable>
export type OutcomeRollupRow = Selectable<OutcomeRollupsTable>
export type OutcomeCollectDayRow = Selectable<OutcomeCollectDaysTable>
