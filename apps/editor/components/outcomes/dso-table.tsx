import type { DsoPoint } from '@dun/service'
import { count, meanDays, money } from '@/lib/server/outcomes/format'
import { nameOf, type VersionNames } from '@/lib/server/outcomes/version-names'

/** Dunning DSO per month of payment, version and currency. */
export function DsoTable({
  points,
  versions,
}: {
  points: readonly DsoPoint[]
  versions: VersionNames
}) {
  return (
    <table className="figures" data-testid="dso-table">
      <caption className="visually-hidden">Dunning DSO by month of payment</caption>
      <thead>
        <tr>
          <th scope="col">Month (UTC)</th>
          <th scope="col">Version</th>
          <th scope="col">Currency</th>
          <th scope="col">Payments</th>
          <th scope="col">Collected</th>
          <th scope="col">DSO</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={`${p.month}-${p.policyVersionId}-${p.currency}`}>
            <th scope="row">{p.month}</th>
            <td>{nameOf(versions, p.policyVersionId)}</td>
            <td>{p.currency}</td>
            <td>{count(p.payments)}</td>
            <td>{money(p.amount, p.currency)}</td>
            <td>{meanDays(p.dsoDays)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
