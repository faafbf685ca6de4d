import type { ExperimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { pointsWithInterval } from '@/lib/server/experiments/verdict'

/**
 * The comparisons within each segment: an effect confined to one segment shows there
 * undiluted. Each segment needs the minimum sample on its own before a verdict.
 */
export function SegmentTable({ experiment }: { experiment: ExperimentSummary }) {
  if (experiment.bySegment.length === 0) {
    return <p className="muted">No case has been segmented yet.</p>
  }
  return (
    <table className="experiment-arms">
      <caption className="visually-hidden">
        Each arm of “{experiment.name}” against the control, within each segment
      </caption>
      <thead>
        <tr>
          <th scope="col">Segment</th>
          <th scope="col">Cases</th>
          <th scope="col">Arm − control</th>
          <th scope="col">Recovery rate difference [95% interval]</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {experiment.bySegment.flatMap((s) =>
          s.comparisons.map((c) => (
            <tr key={`${s.segment}/${c.arm}`} data-testid={`segment-${s.segment}-${c.arm}`}>
              <th scope="row">{s.segment}</th>
              <td>{s.cases}</td>
              <td>
                {c.arm} − {c.control}
              </td>
              <td>{pointsWithInterval(c.difference, c.interval)}</td>
              <td>{c.text}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  )
}
