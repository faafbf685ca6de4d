import './experiments.css'
import Link from 'next/link'
import { listExperimentSummaries } from '@/lib/server/experiments/experiment-summaries'
import { serviceContext } from '@/lib/server/service-context'
import { ExperimentCard } from './experiment-card'

/**
 * The running experiments with their intervals and verdicts, each linking to its detail
 * page. A server component that reads the database itself: embed it as
 * `<ExperimentsOverview />` in any signed-in page (the caller checks the read permission).
 */
export async function ExperimentsOverview() {
  const running = await listExperimentSummaries(await serviceContext(), 'running')
  return (
    <section aria-labelledby="experiments-overview-heading" className="experiments-overview">
      <h2 id="experiments-overview-heading">Running experiments</h2>
      {running.length === 0 ? (
        <p className="muted">
          No experiment is running.{' '}
          <Link href="/experiments">Start one on the Experiments page</Link>.
        </p>
      ) : (
        running.map((experiment) => (
          <ExperimentCard key={experiment.id} experiment={experiment} headingLevel="h3" />
        ))
      )}
    </section>
  )
}
