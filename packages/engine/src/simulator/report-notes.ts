import type { SimulationReport } from './report.js'

/** The report's honest labels: what its figures mean and which approximations they carry. */
export function notesFor(report: SimulationReport, memoryMs: number): string[] {
  const days = Math.round(memoryMs / 86_400_000)
  return [
    'Mode as-was: every invoice is paid when it really was; the figures count what the policy would have done until then.',
    'Each invoice starts as it was when issued (open, full amount due); its recorded payments, failures and disputes happen again at their times. Without payment-failure events, the decline recorded on the row is taken as known from issue.',
    ...(report.input.sortedByIssueDate
      ? []
      : [
          'The invoices were not sorted by issue date: they were read again and sorted in memory first.',
        ]),
    `Invoices of one customer are replayed together when their dunning overlaps or lies within ${days} days; ` +
      'account aggregates and time since last contact see only those invoices.',
    ...(report.invoices.rejected.total > 0
      ? [
          'Invoices in a currency the policy does not list were not simulated (see invoices.rejected).',
        ]
      : []),
    report.recovery === null
      ? 'No recovery estimate: no response model was given (--response-model none).'
      : 'Recovery figures are estimates from the declared response model; its assumptions are listed under recovery.assumptions.',
  ]
}
