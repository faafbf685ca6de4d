import type { VersionFunnel } from '@dun/service'
import { count, money, percent } from '@/lib/server/outcomes/format'
import { nameOf, type VersionNames } from '@/lib/server/outcomes/version-names'

function Bar({ share, recovered = false }: { share: number; recovered?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={recovered ? 'funnel-bar recovered' : 'funnel-bar'}
      style={{ width: `${Math.round(share * 100)}%` }}
    />
  )
}

/** The funnel of one version and currency: closed cases, then each step in order reached. */
function FunnelTable({ funnel, versions }: { funnel: VersionFunnel; versions: VersionNames }) {
  const { closedCases: closed, currency } = funnel
  const ofClosed = (n: number) => (closed === 0 ? 0 : n / closed)
  return (
    <table className="figures" data-testid="funnel-table">
      <caption>
        {nameOf(versions, funnel.policyVersionId)} · {currency}
      </caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Reached on (mean)</th>
          <th scope="col">Cases reached</th>
          <th scope="col">Recovered after it</th>
          <th scope="col">Amount recovered after it</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">All closed cases</th>
          <td>—</td>
          <td>{count(closed)}</td>
          <td>
            {count(funnel.recoveredCases)} ({percent(ofClosed(funnel.recoveredCases))})
            <Bar share={ofClosed(funnel.recoveredCases)} recovered />
          </td>
          <td>{money(funnel.recoveredAmount, currency)}</td>
        </tr>
        {funnel.steps.map((s) => (
          <tr key={s.stepId}>
            <th scope="row">{s.stepId}</th>
            <td>day {s.meanDayReached.toFixed(1)}</td>
            <td>
              {count(s.casesReached)} ({percent(ofClosed(s.casesReached))})
              <Bar share={ofClosed(s.casesReached)} />
            </td>
            <td>
              {count(s.recoveredAfter)} ({percent(s.recoveredAfterRate)})
              <Bar share={ofClosed(s.recoveredAfter)} recovered />
            </td>
            <td>{money(s.amountRecoveredAfter, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function FunnelTables({
  funnels,
  versions,
}: {
  funnels: readonly VersionFunnel[]
  versions: VersionNames
}) {
  if (funnels.length === 0) {
    return (
      <p>
        No case has closed yet. The funnel counts a case once it closes (paid, written off or
        stopped), so that what it recovered after each step is final.
      </p>
    )
  }
  return funnels.map((f) => (
    <FunnelTable key={`${f.policyVersionId}-${f.currency}`} funnel={f} versions={versions} />
  ))
}
