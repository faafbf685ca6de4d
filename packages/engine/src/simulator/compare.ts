import type { ComparisonReport, Difference, SimulationReport } from './report.js'

/**
 * Two policies on the same invoices, side by side. The differences list every headline
 * figure (totals and each key of the breakdowns) where the two disagree.
 */
export function compareReports(
  base: SimulationReport,
  candidate: SimulationReport,
): ComparisonReport {
  const a = headlineFigures(base)
  const b = headlineFigures(candidate)
  const metrics = [...new Set([...a.keys(), ...b.keys()])].sort()
  const differences: Difference[] = []
  for (const metric of metrics) {
    const before = a.get(metric) ?? 0
    const after = b.get(metric) ?? 0
    if (before !== after)
      differences.push({ metric, base: before, candidate: after, delta: after - before })
  }
  return { format: 'dun.comparison/1', base, candidate, differences }
}

function headlineFigures(report: SimulationReport): Map<string, number> {
  const figures = new Map<string, number>([
    ['invoices.actedOn', report.invoices.actedOn],
    ['invoices.rejected', report.invoices.rejected.total],
    ['actions.total', report.actions.total],
    ['messagesPerCustomer.max', report.messagesPerCustomer.max],
    ['messagesPerCustomer.p95', report.messagesPerCustomer.p95],
    ['deferrals.total', report.deferrals.total],
    ['skips.total', report.skips.total],
  ])
  const breakdowns = {
    'actions.byType': report.actions.byType,
    'actions.byChannel': report.actions.byChannel,
    'actions.bySegment': report.actions.bySegment,
    'deferrals.byReason': report.deferrals.byReason,
    'skips.byReason': report.skips.byReason,
  }
  for (const [prefix, counts] of Object.entries(breakdowns)) {
    for (const [key, n] of Object.entries(counts)) figures.set(`${prefix}.${key}`, n)
  }
  for (const line of [...report.escalations, ...report.accountActions]) {
    figures.set(`${line.action}.count`, line.count)
    for (const [currency, amount] of Object.entries(line.amounts)) {
      figures.set(`${line.action}.amount.${currency}`, amount)
    }
  }
  for (const line of report.paidAnyway) {
    figures.set(`paidAnyway.${line.withinDays}d.actions`, line.actions)
  }
  for (const [currency, figures_] of Object.entries(report.recovery?.byCurrency ?? {})) {
    figures.set(`recovery.${currency}.estimatedRecovered`, figures_.estimatedRecovered)
  }
  return figures
}
