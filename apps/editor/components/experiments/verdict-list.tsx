import type { ExperimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { signedDays } from '@/lib/server/experiments/format'

/** Each arm against the control: the verdict in words, then the difference in days to collect. */
export function VerdictList({ experiment }: { experiment: ExperimentSummary }) {
  return (
    <ul className="verdicts">
      {experiment.comparisons.map((c) => (
        <li
          key={c.arm}
          className={`verdict verdict-${c.verdict.kind}`}
          data-testid={`verdict-${c.arm}`}
        >
          {c.text}
          {c.daysToCollect && (
            <span className="muted">
              {' '}
              Median days to collect, {c.arm} − {c.control}:{' '}
              {signedDays(c.daysToCollect.medianDifference, c.daysToCollect.interval)}
              {c.daysToCollect.significant ? ' (significant).' : ' (not significant).'}
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
