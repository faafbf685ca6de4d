import Link from 'next/link'
import type { ExperimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { split, when } from '@/lib/server/experiments/format'
import { ArmTable } from './arm-table'
import { DifferenceChart } from './experiment-charts'
import { VerdictList } from './verdict-list'

const STATE_TEXT = {
  running: 'running',
  stopped: 'stopped',
  promoted: 'promoted',
} as const

/** One experiment at a glance: arms and their figures, the verdicts, the differences drawn. */
export function ExperimentCard({
  experiment,
  headingLevel,
}: {
  experiment: ExperimentSummary
  headingLevel: 'h2' | 'h3'
}) {
  const Heading = headingLevel
  return (
    <article className="experiment-card" data-testid={`experiment-${experiment.name}`}>
      <Heading>
        <Link href={`/experiments/${experiment.id}`}>{experiment.name}</Link>
      </Heading>
      <p className="experiment-meta">
        Policy {experiment.policyName} · {STATE_TEXT[experiment.state]} · split{' '}
        {split(experiment.arms.map((a) => a.sharePercent))} · started {when(experiment.startedAt)}{' '}
        by {experiment.startedBy} · a verdict needs {experiment.minimumSamplePerArm} cases per arm
      </p>
      <ArmTable experiment={experiment} />
      <VerdictList experiment={experiment} />
      <DifferenceChart experiment={experiment} />
    </article>
  )
}
