import type { Metadata } from 'next'
import '@/components/experiments/experiments.css'
import '@/components/versions/versions.css'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getSettings } from '@dun/store'
import { ArmTable } from '@/components/experiments/arm-table'
import { ComparisonTable } from '@/components/experiments/comparison-table'
import { DifferenceChart, RecoveryChart } from '@/components/experiments/experiment-charts'
import { PromoteArm } from '@/components/experiments/promote-arm'
import { PromotionStatus } from '@/components/experiments/promotion-status'
import { SegmentTable } from '@/components/experiments/segment-table'
import { StopExperiment } from '@/components/experiments/stop-experiment'
import { VerdictList } from '@/components/experiments/verdict-list'
import { AutoRefresh } from '@/components/runner/auto-refresh'
import { allows } from '@/lib/roles'
import { requirePageUser } from '@/lib/server/auth'
import { experimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { split, when } from '@/lib/server/experiments/format'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Experiment · Dun' }
export const dynamic = 'force-dynamic'

export default async function ExperimentPage({
  params,
}: {
  params: Promise<{ experimentId: string }>
}) {
  const user = await requirePageUser('read')
  const { experimentId } = await params
  const ctx = await serviceContext()
  const experiment = await experimentSummary(ctx, experimentId)
  if (!experiment) notFound()
  const { fourEyes } = await getSettings(ctx.db, ctx.workspace)
  const running = experiment.state === 'running'
  const awaitingApproval = experiment.promotedVersion?.state === 'pending_approval'
  return (
    <main id="main" className="page">
      <div className="page-heading">
        <h1>{experiment.name}</h1>
        {(running || awaitingApproval) && (
          <AutoRefresh seconds={10} at={new Date().toISOString()} />
        )}
      </div>
      <p data-testid="experiment-state">
        {stateSentence(experiment.state)} Policy{' '}
        <Link href={`/policies/${experiment.policyId}/versions`}>{experiment.policyName}</Link>,
        split {split(experiment.arms.map((a) => a.sharePercent))}, started{' '}
        {when(experiment.startedAt)} by {experiment.startedBy}
        {experiment.endedAt &&
          `, ended ${when(experiment.endedAt)} by ${experiment.endedBy ?? 'unknown'}`}
        . A verdict needs {experiment.minimumSamplePerArm} cases in every arm.
      </p>
      <p className="muted" data-testid="experiment-method">
        The verdict is one test on the first {experiment.minimumSamplePerArm} cases of every arm,
        planned before the start: until each arm has them the figures are interim and promoting
        waits, and cases after them do not move the verdict, so reading this page as it refreshes
        does not make a false winner more likely.
        {experiment.comparisons.length > 1 &&
          ` With ${experiment.comparisons.length} arms against the control, each is tested at 5% ÷ ${experiment.comparisons.length} and its interval is a ${experiment.intervalLevel} interval (Bonferroni), so the chance of any false verdict stays at 5%.`}
      </p>
      <section aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">Verdict</h2>
        <VerdictList experiment={experiment} />
      </section>
      <section aria-labelledby="arms-heading">
        <h2 id="arms-heading">Recovery rate per arm</h2>
        <RecoveryChart experiment={experiment} />
        <ArmTable experiment={experiment} />
      </section>
      <section aria-labelledby="difference-heading">
        <h2 id="difference-heading">Against the control</h2>
        <DifferenceChart experiment={experiment} />
        <ComparisonTable experiment={experiment} />
      </section>
      <section aria-labelledby="segments-heading">
        <h2 id="segments-heading">By segment (exploratory)</h2>
        <SegmentTable experiment={experiment} />
      </section>
      <PromotionStatus experiment={experiment} user={user} />
      {running && allows(user, 'publish') && (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">Decide</h2>
          <div className="experiment-actions">
            <PromoteArm
              experimentId={experiment.id}
              arms={experiment.arms}
              leadingArm={experiment.leadingArm}
              casesPerArmNeeded={experiment.casesPerArmNeeded}
              fourEyes={fourEyes}
            />
            <StopExperiment experimentId={experiment.id} name={experiment.name} />
          </div>
        </section>
      )}
      {running && !allows(user, 'publish') && (
        <p className="muted">Stopping or promoting needs the approver or admin role.</p>
      )}
    </main>
  )
}

function stateSentence(state: 'running' | 'stopped' | 'promoted'): string {
  switch (state) {
    case 'running':
      return 'Running: new cases of this policy are split between the arms.'
    case 'stopped':
      return 'Stopped: new cases run the policy’s live version again.'
    case 'promoted':
      return 'Ended by promoting an arm.'
  }
}
