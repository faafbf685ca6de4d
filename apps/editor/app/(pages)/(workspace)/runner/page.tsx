import type { Metadata } from 'next'
import '@/components/versions/versions.css'
import '@/components/runner/runner.css'
import { ActionTable } from '@/components/runner/action-table'
import { AutoRefresh } from '@/components/runner/auto-refresh'
import { CaseCounts } from '@/components/runner/case-counts'
import { RetryButton } from '@/components/runner/retry-button'
import { allows } from '@/lib/roles'
import { requirePageUser } from '@/lib/server/auth'
import { runnerStatus } from '@/lib/server/runner/runner-status'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Runner · Dun' }
// Read on every request: the page is the runner's live state.
export const dynamic = 'force-dynamic'

export default async function RunnerPage() {
  const user = await requirePageUser('read')
  const status = await runnerStatus(await serviceContext())
  const canRetry = allows(user, 'publish')
  return (
    <main id="main" className="page runner">
      <div className="page-heading">
        <h1>Runner</h1>
        <AutoRefresh seconds={5} at={status.at} />
      </div>
      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">Cases by state</h2>
        <CaseCounts counts={status.casesByState} />
      </section>
      <section aria-labelledby="dead-heading">
        <h2 id="dead-heading">
          Dead letters and actions in review{' '}
          <span className="count">{status.deadLetters.length}</span>
        </h2>
        <ActionTable
          caption="Dead letters and actions in review"
          actions={status.deadLetters}
          empty="No dead letters: every action was delivered or is still being tried."
          control={canRetry ? (a) => <RetryButton actionId={a.id} what={a.what} /> : undefined}
        />
      </section>
      <section aria-labelledby="due-heading">
        <h2 id="due-heading">
          Due today <span className="count">{status.dueToday.length}</span>
        </h2>
        <ActionTable
          caption="Actions due today"
          actions={status.dueToday}
          empty="Nothing else is due today."
        />
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent deliveries and failures</h2>
        <ActionTable
          caption="Recent deliveries and failures, newest first"
          actions={status.recent}
          empty="Nothing delivered yet."
        />
      </section>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">
          Awaiting a person <span className="count">{status.tasks.length}</span>
        </h2>
        <ActionTable
          caption="Calls and tasks awaiting a person"
          actions={status.tasks}
          empty="No calls or tasks are waiting."
        />
      </section>
    </main>
  )
}
