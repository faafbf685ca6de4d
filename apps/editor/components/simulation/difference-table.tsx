import type { ComparisonReport } from '@dun/engine'

/** Every headline figure where B differs from A, with the change. */
export function DifferenceTable({
  comparison,
  base,
  candidate,
}: {
  comparison: ComparisonReport
  base: string
  candidate: string
}) {
  return (
    <section aria-labelledby="difference-heading">
      <h3 id="difference-heading">
        Difference: {candidate} against {base}
      </h3>
      {comparison.differences.length === 0 ? (
        <p>The two versions do exactly the same on this dataset.</p>
      ) : (
        <table className="data" data-testid="differences">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">{base}</th>
              <th scope="col">{candidate}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {comparison.differences.map((d) => (
              <tr key={d.metric}>
                <th scope="row">
                  <code>{d.metric}</code>
                </th>
                <td>{d.base.toLocaleString('en')}</td>
                <td>{d.candidate.toLocaleString('en')}</td>
                <td className={d.delta > 0 ? 'up' : 'down'}>
                  {d.delta > 0 ? '+' : ''}
                  {d.delta.toLocaleString('en')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
