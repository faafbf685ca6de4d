import { byTimingOrder, nearestRankOfHistogram } from './report-builder.js'
import type { AmountLine, Counts, RowErrorSummary, SimulationReport } from './report.js'
import { FIRST_ROW_ERRORS } from './row-errors.js'
import { dso, type RecoveryEstimate, type RecoveryFigures } from './response-model.js'

/**
 * Adds up the reports of one policy simulated over disjoint customer partitions of the
 * same input (`SimulationOptions.partition`). File-level figures (rows read, row errors,
 * the window) are the same in every part; customer-level figures add up; the
 * per-customer distribution is rebuilt from the parts' histograms, so max and p95 are
 * exact. The result is byte-identical to simulating the whole input at once.
 */
export function mergeReports(
  parts: readonly SimulationReport[],
  options: MergeOptions = {},
): SimulationReport {
  const [first, ...rest] = parts
  if (!first) throw new Error('mergeReports needs at least one report')
  if (rest.length === 0) return first
  const split = options.rowsSplitFrom
  const histogram = addCounts(
    parts.map((p) => p.messagesPerCustomer.histogram),
    numeric,
  )
  const sortedByIssueDate = parts.every((p) => p.input.sortedByIssueDate)
  return {
    ...first,
    input: {
      ...first.input,
      ...(split === undefined
        ? {}
        : {
            invoicesRead: sum(parts.map((p) => p.input.invoicesRead)),
            rowErrors: mergeRowErrors(
              parts.map((p) => p.input.rowErrors),
              split,
            ),
          }),
      outsideWindow: sum(parts.map((p) => p.input.outsideWindow)),
      sortedByIssueDate,
    },
    invoices: {
      simulated: sum(parts.map((p) => p.invoices.simulated)),
      actedOn: sum(parts.map((p) => p.invoices.actedOn)),
      rejected: {
        total: sum(parts.map((p) => p.invoices.rejected.total)),
        byCurrency: addCounts(parts.map((p) => p.invoices.rejected.byCurrency)),
      },
    },
    actions: {
      total: sum(parts.map((p) => p.actions.total)),
      byType: addCounts(parts.map((p) => p.actions.byType)),
      byChannel: addCounts(parts.map((p) => p.actions.byChannel)),
      bySegment: addCounts(parts.map((p) => p.actions.bySegment)),
      byDayOffset: addCounts(
        parts.map((p) => p.actions.byDayOffset),
        byTimingOrder,
      ),
      byStep: addCounts(parts.map((p) => p.actions.byStep)),
      perDay: mergePerDay(parts.map((p) => p.actions.perDay)),
    },
    messagesPerCustomer: {
      customersMessaged: sum(parts.map((p) => p.messagesPerCustomer.customersMessaged)),
      max: Math.max(...parts.map((p) => p.messagesPerCustomer.max)),
      p95: nearestRankOfHistogram(histogram, 0.95),
      histogram,
    },
    deferrals: {
      total: sum(parts.map((p) => p.deferrals.total)),
      byReason: addCounts(parts.map((p) => p.deferrals.byReason)),
    },
    skips: {
      total: sum(parts.map((p) => p.skips.total)),
      byReason: addCounts(parts.map((p) => p.skips.byReason)),
    },
    escalations: mergeAmountLines(parts.map((p) => p.escalations)),
    accountActions: mergeAmountLines(parts.map((p) => p.accountActions)),
    paidAnyway: first.paidAnyway.map((line, i) => ({
      withinDays: line.withinDays,
      actions: sum(parts.map((p) => p.paidAnyway[i]!.actions)),
      invoices: sum(parts.map((p) => p.paidAnyway[i]!.invoices)),
    })),
    recovery: mergeRecovery(parts.map((p) => p.recovery)),
    notes: sortedByIssueDate ? first.notes : parts.find((p) => !p.input.sortedByIssueDate)!.notes,
  }
}

export interface MergeOptions {
  /**
   * The parts read only their own customers' rows of this invoices file (a source given a
   * partition): rows read and the file's row errors add up; the other files' row errors,
   * read by every part, are counted in the first part only.
   */
  readonly rowsSplitFrom?: string
}

/** The first part's errors in other files come first, as they were read first; then the split file's by row. */
function mergeRowErrors(parts: readonly RowErrorSummary[], file: string): RowErrorSummary {
  const byColumn = new Map<string, { file: string; column: string; count: number }>()
  for (const part of parts) {
    for (const line of part.byColumn) {
      const key = `${line.file}\u0000${line.column}`
      const seen = byColumn.get(key)
      byColumn.set(key, { ...line, count: (seen?.count ?? 0) + line.count })
    }
  }
  const others = parts[0]?.first.filter((error) => error.file !== file) ?? []
  const split = parts
    .flatMap((part) => part.first.filter((error) => error.file === file))
    .sort((a, b) => a.row - b.row)
  return {
    total: sum(parts.map((p) => p.total)),
    byColumn: [...byColumn.keys()].sort().map((key) => byColumn.get(key)!),
    first: [...others, ...split].slice(0, FIRST_ROW_ERRORS),
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
const numeric = (a: string, b: string) => Number(a) - Number(b)
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function addCounts(parts: readonly Counts[], order = byCodeUnit): Record<string, number> {
  const total = new Map<string, number>()
  for (const part of parts)
    for (const [key, n] of Object.entries(part)) total.set(key, (total.get(key) ?? 0) + n)
  return Object.fromEntries([...total.keys()].sort(order).map((key) => [key, total.get(key)!]))
}

function mergePerDay(parts: readonly Readonly<Record<string, Counts>>[]): Record<string, Counts> {
  const days = [...new Set(parts.flatMap((p) => Object.keys(p)))].sort(byCodeUnit)
  return Object.fromEntries(days.map((day) => [day, addCounts(parts.map((p) => p[day] ?? {}))]))
}

function mergeAmountLines(parts: readonly (readonly AmountLine[])[]): AmountLine[] {
  const actions = [...new Set(parts.flatMap((p) => p.map((line) => line.action)))].sort(byCodeUnit)
  return actions.map((action) => {
    const lines = parts.flatMap((p) => p.filter((line) => line.action === action))
    return {
      action,
      count: sum(lines.map((l) => l.count)),
      invoices: sum(lines.map((l) => l.invoices)),
      amounts: addCounts(lines.map((l) => l.amounts)),
    }
  })
}

function mergeRecovery(parts: readonly (RecoveryEstimate | null)[]): RecoveryEstimate | null {
  const [first] = parts
  if (!first) return null
  const currencies = [...new Set(parts.flatMap((p) => Object.keys(p!.byCurrency)))].sort(byCodeUnit)
  const byCurrency: Record<string, RecoveryFigures> = {}
  for (const currency of currencies) {
    const figures = parts.map((p) => p!.byCurrency[currency]).filter((f) => f !== undefined)
    const recovered = sum(figures.map((f) => f.estimatedRecovered))
    const paymentDays = sum(figures.map((f) => f.estimatedPaymentDays))
    byCurrency[currency] = {
      dunnedBalance: sum(figures.map((f) => f.dunnedBalance)),
      actuallyPaid: sum(figures.map((f) => f.actuallyPaid)),
      estimatedRecovered: recovered,
      estimatedDso: dso(paymentDays, recovered),
      estimatedPaymentDays: paymentDays,
    }
  }
  return { ...first, dunnedInvoices: sum(parts.map((p) => p!.dunnedInvoices)), byCurrency }
}
