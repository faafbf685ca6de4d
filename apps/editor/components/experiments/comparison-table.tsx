import type { ExperimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { pValue, signedDays } from '@/lib/server/experiments/format'
import { pointsWithInterval } from '@/lib/server/experiments/verdict'

const VERDICT_TEXT = {
  interim: 'interim: do not decide yet',
  'no-difference': 'no significant difference',
  'recovers-more': 'recovers more',
  'recovers-less': 'recovers less',
} as const

/**
 * Each arm against the control: the differences with their intervals and the tests' p-values.
 * With several arms each p-value is compared with 5% divided by their number (Bonferroni),
 * and the intervals widen to match.
 */
export function ComparisonTable({ experiment }: { experiment: ExperimentSummary }) {
  return (
    <table className="experiment-arms">
      <caption className="visually-hidden">
        Each arm of “{experiment.name}” against the control
      </caption>
      <thead>
        <tr>
          <th scope="col">Arm − control</th>
          <th scope="col">Recovery rate difference [{experiment.intervalLevel} interval]</th>
          <th scope="col">p (z-test)</th>
          <th scope="col">
            Median days to collect difference [{experiment.intervalLevel} interval]
          </th>
          <th scope="col">p (Mann-Whitney)</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {experiment.comparisons.map((c) => (
          <tr key={c.arm}>
            <th scope="row">
              {c.arm} − {c.control}
            </th>
            <td>{pointsWithInterval(c.difference, c.interval)}</td>
            <td>{pValue(c.pValue)}</td>
            <td>
              {c.daysToCollect
                ? signedDays(c.daysToCollect.medianDifference, c.daysToCollect.interval)
                : 'needs two recovered cases per arm'}
            </td>
            <td>{c.daysToCollect ? pValue(c.daysToCollect.pValue) : '—'}</td>
            <td>{VERDICT_TEXT[c.verdict.kind]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
