import { describeRowError, type SimulationReport } from '@dun/engine'
import {
  figureDelta,
  formatDelta,
  formatFigure,
  mergedSections,
  type Figure,
} from './report-sections.js'
import { escapeXml, histogram, horizontalBars, stackedBarsByDay } from './svg-charts.js'

/**
 * A self-contained HTML report: styles and SVG charts inline, no script, nothing loaded
 * from elsewhere. With two reports (`--compare`) every table and chart is side by side.
 */
export function renderHtmlReport(
  reports: readonly [SimulationReport] | readonly [SimulationReport, SimulationReport],
): string {
  const [base, candidate] = reports
  const title = candidate
    ? `Dun simulation: "${base.policy.name}" vs "${candidate.policy.name}"`
    : `Dun simulation: "${base.policy.name}"`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${escapeXml(title)}</h1>
<p class="mode">Mode <strong>as-was</strong>: customers pay when they really paid; every figure counts what the policy would have done until then.</p>
${charts(reports)}
${figuresTable(base, candidate ?? null)}
${rowErrors(base)}
${notes(reports)}
</body></html>
`
}

function charts(reports: readonly SimulationReport[]): string {
  const column = (report: SimulationReport) => `<div class="column">
<h3>${escapeXml(report.policy.name)}</h3>
<h4>Actions per day by channel</h4>${stackedBarsByDay(report.actions.perDay)}
<h4>Deferrals by reason</h4>${horizontalBars(report.deferrals.byReason, 'No step was deferred.')}
<h4>Messages per customer</h4>${histogram(report.messagesPerCustomer.histogram, 'messages sent to one customer → customers', 'No message was sent.')}
</div>`
  return `<h2>Charts</h2><div class="columns">${reports.map(column).join('')}</div>`
}

function figuresTable(base: SimulationReport, candidate: SimulationReport | null): string {
  const cell = (figure: Figure | undefined) =>
    `<td>${figure ? escapeXml(formatFigure(figure)) : '–'}</td>`
  const head = candidate
    ? `<tr><th></th><th>${escapeXml(base.policy.name)}</th><th>${escapeXml(candidate.policy.name)}</th><th>change</th></tr>`
    : ''
  const body = mergedSections(base, candidate ?? base)
    .filter((section) => section.rows.length > 0)
    .map((section) => {
      const rows = section.rows.map(
        (row) =>
          `<tr><th>${escapeXml(row.label)}</th>${cell(row.base)}${
            candidate
              ? cell(row.candidate) +
                `<td>${escapeXml(formatDelta(figureDelta(row.base, row.candidate)))}</td>`
              : ''
          }</tr>`,
      )
      return `<tr class="section"><th colspan="${candidate ? 4 : 2}">${escapeXml(section.title)}</th></tr>${rows.join('')}`
    })
  return `<h2>Figures</h2><table>${head}${body.join('')}</table>`
}

function rowErrors(report: SimulationReport): string {
  const { rowErrors: errors } = report.input
  if (errors.total === 0) return '<h2>Input problems</h2><p>Every row was usable.</p>'
  const items = errors.first
    .map((error) => `<li>${escapeXml(describeRowError(error))}</li>`)
    .join('')
  const byColumn = errors.byColumn
    .map(
      (line) =>
        `<tr><th>${escapeXml(`${line.file}: ${line.column}`)}</th><td>${line.count}</td></tr>`,
    )
    .join('')
  return `<h2>Input problems</h2><p>${errors.total} rows could not be used and were left out.</p>
<table>${byColumn}</table><ul>${items}</ul>`
}

function notes(reports: readonly SimulationReport[]): string {
  const lines = [
    ...new Set(reports.flatMap((r) => [...r.notes, ...(r.recovery?.assumptions ?? [])])),
  ]
  return `<h2>Notes and assumptions</h2><ul>${lines.map((line) => `<li>${escapeXml(line)}</li>`).join('')}</ul>`
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111;max-width:1400px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h4{margin:1rem 0 .3rem;font-size:.9rem}
.columns{display:flex;gap:2rem;flex-wrap:wrap}.column{flex:1;min-width:420px}
table{border-collapse:collapse}th,td{padding:.2rem .8rem;border-bottom:1px solid #e5e7eb}
th{text-align:left;font-weight:normal}td{text-align:right;font-variant-numeric:tabular-nums}
tr.section th{font-weight:bold;padding-top:1rem}.empty{color:#6b7280}.mode{color:#374151}`
