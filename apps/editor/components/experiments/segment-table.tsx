import type { ExperimentDetail } from '@/lib/server/experiments/experiment-summaries'
import { casesPerArm, pointsWithInterval } from '@/lib/server/experiments/verdict'

/**
 * The comparisons within each segment: an effect confined to one segment shows there
 * undiluted. Exploratory, never a verdict: looking at many segments finds a "winner" in one
 * of them by chance, and no correction is made across segments.
 */
export function SegmentTable({ experiment }: { experiment: ExperimentDetail }) {
  if (experiment.bySegment.length === 0) {
    return <p className="muted">No case has been segmented yet.</p>
  }
  return (
    <>
      <p className="muted" data-testid="segments-exploratory">
        Exploratory: each segment is compared on its own, with no correction for looking at{' '}
        {experiment.bySegment.length} {experiment.bySegment.length === 1 ? 'segment' : 'segments'},
        so a difference here is a lead for the next experiment, not a reason to promote an arm.
      </p>
      <table className="experiment-arms">
        <caption className="visually-hidden">
          Each arm of “{experiment.name}” against the control, within each segment (exploratory)
        </caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">Cases</th>
            <th scope="col">Arm − control</th>
            <th scope="col">Recovery rate difference [{experiment.intervalLevel} interval]</th>
            <th scope="col">Planned sample in this segment</th>
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
                <td>
                  {c.casesPerArmNeeded === 0
                    ? 'reached'
                    : `${casesPerArm(c.casesPerArmNeeded)} to go`}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </>
  )
}
