import type { Kysely, Transaction } from 'kysely'
import type { DunningActionsTable } from './tables/actions.table.js'
import type { CustomerScheduleTable, DunningCasesTable } from './tables/cases.table.js'
import type { CustomersTable } from './tables/customers.table.js'
import type {
  DatasetCustomersTable,
  DatasetEventsTable,
  DatasetInvoicesTable,
  DatasetsTable,
} from './tables/datasets.table.js'
import type {
  ExperimentArmsTable,
  ExperimentAssignmentsTable,
  ExperimentsTable,
} from './tables/experiments.table.js'
import type { InvoicesTable } from './tables/invoices.table.js'
import type {
  OutcomeCollectCreditsTable,
  OutcomeFirstPaymentsTable,
  OutcomeFunnelCasesTable,
  OutcomeFunnelStepsTable,
  OutcomeFunnelVersionsTable,
  OutcomeOpenDaysTable,
  OutcomeRecoveryDaysTable,
} from './tables/outcome-figures.table.js'
import type {
  CaseOutcomesTable,
  OutcomeCaseRollupsTable,
  OutcomeCollectDaysTable,
  OutcomeMonthlyTable,
  OutcomeRollupsTable,
  OutcomeWatermarksTable,
  PaymentAttributionsTable,
  PaymentOutcomesTable,
} from './tables/outcomes.table.js'
import type { OutboxMessagesTable } from './tables/outbox-messages.table.js'
import type { PaymentEventsTable } from './tables/payment-events.table.js'
import type { PaymentMethodsTable } from './tables/payment-methods.table.js'
import type { ApprovalsTable, PoliciesTable, PolicyVersionsTable } from './tables/policies.table.js'
import type { SessionsTable } from './tables/sessions.table.js'
import type { ApiTokensTable, AuditLogTable, UsersTable } from './tables/users.table.js'
import type { WorkspaceSettingsTable } from './tables/workspace-settings.table.js'

/** Every table, as kysely sees it. Single tenant for now; `workspace_id` leads every key. */
export interface Database {
  customers: CustomersTable
  payment_methods: PaymentMethodsTable
  invoices: InvoicesTable
  payment_events: PaymentEventsTable
  policies: PoliciesTable
  policy_versions: PolicyVersionsTable
  approvals: ApprovalsTable
  dunning_cases: DunningCasesTable
  customer_schedule: CustomerScheduleTable
  dunning_actions: DunningActionsTable
  outbox_messages: OutboxMessagesTable
  datasets: DatasetsTable
  dataset_invoices: DatasetInvoicesTable
  dataset_customers: DatasetCustomersTable
  dataset_events: DatasetEventsTable
  users: UsersTable
  api_tokens: ApiTokensTable
  sessions: SessionsTable
  audit_log: AuditLogTable
  workspace_settings: WorkspaceSettingsTable
  experiments: ExperimentsTable
  experiment_arms: ExperimentArmsTable
  experiment_assignments: ExperimentAssignmentsTable
  payment_outcomes: PaymentOutcomesTable
  payment_attributions: PaymentAttributionsTable
  outcome_rollups: OutcomeRollupsTable
  outcome_collect_days: OutcomeCollectDaysTable
  outcome_watermarks: OutcomeWatermarksTable
  case_outcomes: CaseOutcomesTable
  outcome_case_rollups: OutcomeCaseRollupsTable
  outcome_monthly: OutcomeMonthlyTable
  outcome_funnel_cases: OutcomeFunnelCasesTable
  outcome_funnel_versions: OutcomeFunnelVersionsTable
  outcome_funnel_steps: OutcomeFunnelStepsTable
  outcome_collect_credits: OutcomeCollectCreditsTable
  outcome_first_payments: OutcomeFirstPaymentsTable
  outcome_recovery_days: OutcomeRecoveryDaysTable
  outcome_open_days: OutcomeOpenDaysTable
}

/** Repositories take either the database or an open transaction as their first argument. */
export type Db = Kysely<Database> | Transaction<Database>

export const DEFAULT_WORKSPACE = 'default'
