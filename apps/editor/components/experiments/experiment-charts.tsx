import { differenceAxis, rateAxis } from '@/lib/server/experiments/chart-scale'
import type { ExperimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { percent, percentInterval } from '@/lib/server/experiments/format'
import { signedPoints } from '@/lib/server/experiments/verdict'
import { IntervalChart, type IntervalRow } from './interval-chart'

/** Each arm's recovery rate with its 95% interval. */
export function RecoveryChart({ experiment }: { experiment: ExperimentSummary }) {
  const rows = experiment.arms.map((arm): IntervalRow => ({
    label: arm.name,
    estimate: arm.recoveryRate,
    interval: arm.recoveryInterval,
    tone: 'neutral',
  }))
  return (
    <IntervalChart
      id={`recovery-${experiment.id}`}
      title={`Recovery rate per arm of “${experiment.name}”, with 95% intervals`}
      description={experiment.arms
        .map(
          (arm) =>
            `${arm.name}: ${percent(arm.recoveryRate)} ${percentInterval(arm.recoveryInterval)} of ${arm.cases} cases`,
        )
        .join('; ')}
      rows={rows}
      axis={rateAxis(rows.map((r) => r.interval))}
      tick={(t) => `${Math.round(t * 100)}%`}
    />
  )
}

/** Each arm minus the control, in percentage points, against the line of no difference. */
export function DifferenceChart({ experiment }: { experiment: ExperimentSummary }) {
  const rows = experiment.comparisons.map((c): IntervalRow => ({
    label: `${c.arm} − ${c.control}`,
    estimate: c.difference,
    interval: c.interval,
    tone:
      c.verdict.kind === 'recovers-more'
        ? 'better'
        : c.verdict.kind === 'recovers-less'
          ? 'worse'
          : 'neutral',
  }))
  return (
    <IntervalChart
      id={`difference-${experiment.id}`}
      title={`Difference in recovery rate against “${experiment.arms[0]?.name ?? 'control'}”, in points, with ${experiment.intervalLevel} intervals`}
      description={experiment.comparisons.map((c) => c.text).join(' ')}
      rows={rows}
      axis={differenceAxis(rows.map((r) => r.interval))}
      tick={(t) => signedPoints(t).replace(/\.0$/, '')}
      reference={0}
    />
  )
}
