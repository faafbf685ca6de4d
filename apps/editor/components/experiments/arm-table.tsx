import type { ExperimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { days, percent, percentInterval } from '@/lib/server/experiments/format'

/** Per arm: its version, share of customers, cases so far, recovery rate and days to collect. */
export function ArmTable({ experiment }: { experiment: ExperimentSummary }) {
  return (
    <table className="experiment-arms">
      <caption className="visually-hidden">Arms of “{experiment.name}”, control first</caption>
      <thead>
        <tr>
          <th scope="col">Arm</th>
          <th scope="col">Version</th>
          <th scope="col">Split</th>
          <th scope="col">Cases</th>
          <th scope="col">Recovered</th>
          <th scope="col">Recovery rate [95% interval]</th>
          <th scope="col">Median days to collect</th>
        </tr>
      </thead>
      <tbody>
        {experiment.arms.map((arm, i) => (
          <tr key={arm.name} data-testid={`arm-${arm.name}`}>
            <th scope="row">
              {arm.name}
              {i === 0 && <span className="muted"> (control)</span>}
            </th>
            <td>{arm.versionNumber === null ? 'deleted' : `v${arm.versionNumber}`}</td>
            <td>{Math.round(arm.sharePercent * 10) / 10}%</td>
            <td>{arm.cases}</td>
            <td>{arm.recovered}</td>
            <td>
              {percent(arm.recoveryRate)}{' '}
              <span className="muted">{percentInterval(arm.recoveryInterval)}</span>
            </td>
            <td>{days(arm.medianDaysToCollect)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
