import type { RecoveryFigure } from '@dun/service'
import { count, money, percent } from '@/lib/server/outcomes/format'

/**
 * Recovery of the cases under each version, segment or cohort, per currency: rates over all
 * cases; messages per unit recovered and churn over the closed ones.
 */
export function RecoveryTable({
  figures,
  by,
  keyName,
  testId,
}: {
  figures: readonly RecoveryFigure[]
  by: string
  keyName: (key: string) => string
  testId: string
}) {
  return (
    <table className="figures" data-testid={testId}>
      <caption>By {by.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">{by}</th>
          <th scope="col">Currency</th>
          <th scope="col">Cases</th>
          <th scope="col">Recovered (by count)</th>
          <th scope="col">Amount due</th>
          <th scope="col">Recovered (by amount)</th>
          <th scope="col">Closed cases</th>
          <th scope="col">Messages per unit recovered</th>
          <th scope="col">Involuntary churn</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={`${f.key}-${f.currency}`}>
            <th scope="row">{keyName(f.key)}</th>
            <td>{f.currency}</td>
            <td>{count(f.cases)}</td>
            <td>
              {count(f.recoveredCases)} ({percent(f.rateByCount)})
            </td>
            <td>{money(f.amountDue, f.currency)}</td>
            <td>
              {money(f.recoveredAmount, f.currency)} ({percent(f.rateByAmount)})
            </td>
            <td>{count(f.closedCases)}</td>
            <td>
              {f.messagesPerUnitRecovered === null
                ? '— (nothing recovered)'
                : `${f.messagesPerUnitRecovered.toFixed(3)} per 1 ${f.currency}`}
            </td>
            <td>
              {percent(f.churnRate)} ({count(f.cancellations)} cancelled, {count(f.writeOffs)}{' '}
              written off)
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
