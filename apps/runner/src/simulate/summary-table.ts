import { describeRowError, type SimulationReport } from '@dun/engine'
import {
  figureDelta,
  formatDelta,
  formatFigure,
  mergedSections,
  reportSections,
} from './report-sections.js'

/** The terminal summary of one policy's simulation: what an analyst reads first. */
export function renderSummary(report: SimulationReport): string {
  const lines = [header(report), '']
  for (const section of reportSections(report)) {
    if (section.rows.size === 0) continue
    lines.push(section.title)
    lines.push(
      ...alignColumns(
        [...section.rows].map(([label, figure]) => [`  ${label}`, formatFigure(figure)]),
      ),
      '',
    )
  }
  lines.push(...footer(report))
  return lines.join('\n') + '\n'
}

/** Two policies on the same invoices: one column each and the change. */
export function renderComparison(base: SimulationReport, candidate: SimulationReport): string {
  const lines = [
    `Comparing policy "${base.policy.name}" (base) with "${candidate.policy.name}" on the same invoices`,
    modeLine(base),
    '',
  ]
  const table: string[][] = [['', base.policy.name, candidate.policy.name, 'change']]
  for (const section of mergedSections(base, candidate)) {
    if (section.rows.length === 0) continue
    table.push([section.title, '', '', ''])
    for (const row of section.rows) {
      table.push([
        `  ${row.label}`,
        row.base ? formatFigure(row.base) : '–',
        row.candidate ? formatFigure(row.candidate) : '–',
        formatDelta(figureDelta(row.base, row.candidate)),
      ])
    }
  }
  lines.push(...alignColumns(table), '', ...footer(base))
  return lines.join('\n') + '\n'
}

/** The rows that could not be read: the first few with row, column and reason, then the total. */
export function renderRowErrors(report: SimulationReport): string {
  const { rowErrors } = report.input
  if (rowErrors.total === 0) return ''
  const shown = rowErrors.first.map((error) => `  ${describeRowError(error)}`)
  const more = rowErrors.total - rowErrors.first.length
  return (
    [
      `${rowErrors.total} row${rowErrors.total === 1 ? '' : 's'} could not be used and were left out:`,
      ...shown,
      ...(more > 0 ? [`  … and ${more} more (all of them are counted in the --json report)`] : []),
    ].join('\n') + '\n'
  )
}

function header(report: SimulationReport): string {
  return [`Simulation of policy "${report.policy.name}"`, modeLine(report), windowLine(report)]
    .filter((line) => line !== '')
    .join('\n')
}

function modeLine(report: SimulationReport): string {
  return `Mode as-was: customers pay when they really paid; the figures count what the policy would have done until then.${
    report.input.sortedByIssueDate
      ? ''
      : '\nThe invoices were not sorted by issue date: they were sorted in memory first.'
  }`
}

function windowLine(report: SimulationReport): string {
  const { from, to } = report.window
  if (from === null && to === null) return ''
  return `Window: invoices issued from ${from ?? 'the start'} to ${to ?? 'the end'}; the replay stops at ${to ?? 'the end of each case'}.`
}

function footer(report: SimulationReport): string[] {
  const assumptions = report.recovery?.assumptions.map((a) => `  - ${a}`) ?? []
  return [
    ...(assumptions.length > 0 ? ['Response model assumptions', ...assumptions, ''] : []),
    'Notes',
    ...report.notes.map((note) => `  - ${note}`),
  ]
}

/** Left-aligns the first column, right-aligns the figures. */
function alignColumns(rows: readonly string[][]): string[] {
  const widths: number[] = []
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  )
}
