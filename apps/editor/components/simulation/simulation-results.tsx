import { formatMoney, type SimulationReport } from '@dun/engine'
import { FUNNEL_STAGES } from '@/lib/simulation/funnel'
import type { SimulationResult } from '@/lib/simulation/run-simulation'
import { ActionsPerDayChart, ChannelLegend } from './actions-per-day-chart'
import { DifferenceTable } from './difference-table'
import { GroupedBars, type Series } from './grouped-bars'
import { InvoiceList } from './invoice-list'

/** Everything a run found: headline figures, the charts, A against B, the invoices. */
export function SimulationResults({
  result,
  onOpenInvoice,
}: {
  result: SimulationResult
  onOpenInvoice: (invoiceId: string) => void
}) {
  const { reports, labels } = result
  const series = (values: (report: SimulationReport, index: number) => number[]): Series[] =>
    reports.map((report, index) => ({ label: labels[index]!, values: values(report, index) }))
  const union = (pick: (report: SimulationReport) => object) =>
    [...new Set(reports.flatMap((report) => Object.keys(pick(report))))].sort(byNumberThenText)
  const days = union((r) => r.actions.perDay)
  // Messages by channel, other actions by type: every key of every day.
  const channels = [
    ...new Set(reports.flatMap((r) => Object.values(r.actions.perDay).flatMap(Object.keys))),
  ].sort()
  const busiest = Math.max(
    0,
    ...reports.flatMap((r) =>
      Object.values(r.actions.perDay).map((day) => Object.values(day).reduce((a, b) => a + b, 0)),
    ),
  )
  const messageCounts = union((r) => r.messagesPerCustomer.histogram)
  const reasons = union((r) => r.deferrals.byReason)
  return (
    <section aria-labelledby="results-heading" className="results">
      <h2 id="results-heading">Results</h2>
      <HeadlineTable result={result} />
      <h3>Actions per day by channel</h3>
      <ChannelLegend channels={channels} />
      {reports.map((report, index) => (
        <ActionsPerDayChart
          key={labels[index]}
          label={labels[index]!}
          perDay={report.actions.perDay}
          channels={channels}
          days={days}
          max={busiest}
        />
      ))}
      <div className="chart-grid">
        <GroupedBars
          title="Invoices per stage"
          categories={FUNNEL_STAGES}
          series={series((_, index) => FUNNEL_STAGES.map((stage) => result.funnels[index]![stage]))}
          empty="No invoice entered dunning."
        />
        <GroupedBars
          title="Customers by messages received"
          categories={messageCounts.map((n) => `${n} message${n === '1' ? '' : 's'}`)}
          series={series((r) => messageCounts.map((n) => r.messagesPerCustomer.histogram[n] ?? 0))}
          empty="No customer was messaged."
        />
        <GroupedBars
          title="Deferrals by reason"
          categories={reasons.map((reason) => reason.replace('_', ' '))}
          series={series((r) => reasons.map((reason) => r.deferrals.byReason[reason] ?? 0))}
          empty="No step was deferred."
        />
      </div>
      <RecoveryTable result={result} />
      {result.comparison && (
        <DifferenceTable comparison={result.comparison} base={labels[0]!} candidate={labels[1]!} />
      )}
      <InvoiceList result={result} onOpen={onOpenInvoice} />
    </section>
  )
}

function HeadlineTable({ result }: { result: SimulationResult }) {
  const rows: [string, (r: SimulationReport) => number][] = [
    ['Invoices read', (r) => r.input.invoicesRead],
    ['Invoices simulated', (r) => r.invoices.simulated],
    ['Invoices acted on', (r) => r.invoices.actedOn],
    ['Invoices in currencies the policy does not list', (r) => r.invoices.rejected.total],
    ['Actions', (r) => r.actions.total],
    ['Most messages to one customer', (r) => r.messagesPerCustomer.max],
    ['Deferrals', (r) => r.deferrals.total],
    ['Skipped steps', (r) => r.skips.total],
  ]
  return (
    <table className="data" data-testid="headline-figures">
      <caption>Headline figures</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          {result.labels.map((label) => (
            <th scope="col" key={label}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {result.reports.map((report, index) => (
              <td key={index}>{value(report).toLocaleString('en')}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function RecoveryTable({ result }: { result: SimulationResult }) {
  const first = result.reports[0]?.recovery
  if (!first) return null
  const currencies = [
    ...new Set(result.reports.flatMap((r) => Object.keys(r.recovery?.byCurrency ?? {}))),
  ].sort()
  return (
    <section aria-labelledby="recovery-heading">
      <h3 id="recovery-heading">Recovered amount under the response model</h3>
      <table className="data" data-testid="recovery">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            {result.labels.map((label) => (
              <th scope="col" key={label}>
                {label}: estimated recovered / dunned balance
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {currencies.map((currency) => (
            <tr key={currency}>
              <th scope="row">{currency}</th>
              {result.reports.map((report, index) => {
                const figures = report.recovery?.byCurrency[currency]
                return (
                  <td key={index}>
                    {figures
                      ? `${formatMoney(figures.estimatedRecovered, currency)} of ${formatMoney(figures.dunnedBalance, currency)}`
                      : '—'}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Assumptions of the response model</summary>
        <ul>
          {first.assumptions.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </section>
  )
}

/** Days and counts in number order ("2" before "10"), other keys alphabetically. */
function byNumberThenText(a: string, b: string): number {
  const x = Number(a)
  const y = Number(b)
  return Number.isNaN(x) || Number.isNaN(y) ? a.localeCompare(b) : x - y
}
