import type { Metadata } from 'next'
import '@/components/experiments/experiments.css'
import Link from 'next/link'
import { ExperimentCard } from '@/components/experiments/experiment-card'
import { allows } from '@/lib/roles'
import { requirePageUser } from '@/lib/server/auth'
import { listExperimentSummaries } from '@/lib/server/experiments/experiment-summaries'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Experiments · Dun' }
// Read on every request: results change as cases are paid.
export const dynamic = 'force-dynamic'

export default async function ExperimentsPage() {
  const user = await requirePageUser('read')
  const experiments = await listExperimentSummaries(await serviceContext(), 'all')
  const running = experiments.filter((e) => e.state === 'running')
  const ended = experiments.filter((e) => e.state !== 'running')
  return (
    <main id="main" className="page">
      <div className="page-heading">
        <h1>Experiments</h1>
        {allows(user, 'publish') ? (
          <Link href="/experiments/new" className="button primary">
            Start an experiment
          </Link>
        ) : (
          <span className="muted">Starting an experiment needs the approver or admin role.</span>
        )}
      </div>
      <p>
        An experiment sends each new customer’s cases to one of two or more published versions of a
        policy and compares how much each recovers. Rates carry 95% intervals; the verdict is one
        test on the sample planned for every arm, and figures before it are interim. Days to collect
        and segments are on each experiment’s page.
      </p>
      <section aria-labelledby="running-heading">
        <h2 id="running-heading">
          Running <span className="count">{running.length}</span>
        </h2>
        {running.length === 0 && <p className="muted">No experiment is running.</p>}
        {running.map((e) => (
          <ExperimentCard key={e.id} experiment={e} headingLevel="h3" />
        ))}
      </section>
      <section aria-labelledby="ended-heading">
        <h2 id="ended-heading">
          Ended <span className="count">{ended.length}</span>
        </h2>
        {ended.length === 0 && <p className="muted">No experiment has ended yet.</p>}
        {ended.map((e) => (
          <ExperimentCard key={e.id} experiment={e} headingLevel="h3" />
        ))}
      </section>
    </main>
  )
}
