import type { Metadata } from 'next'
import '@/components/versions/versions.css'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { CompareForm } from '@/components/versions/compare-form'
import { VersionTable } from '@/components/versions/version-table'
import { requirePageUser } from '@/lib/server/auth'
import { serviceContext } from '@/lib/server/service-context'
import { versionHistory } from '@/lib/server/versions/version-history'

export const metadata: Metadata = { title: 'Versions · Dun' }

export default async function VersionsPage({ params }: { params: Promise<{ policyId: string }> }) {
  const user = await requirePageUser('read')
  const { policyId } = await params
  const history = await versionHistory(await serviceContext(), policyId)
  if (!history) notFound()
  const [newest, previous] = history.versions
  const live = history.versions.find((v) => v.id === history.liveVersionId)
  return (
    <main id="main" className="page">
      <div className="page-heading">
        <h1>Versions of {history.policyName}</h1>
        <Link href={`/policies/${history.policyId}`}>Open in the editor</Link>
      </div>
      <p data-testid="four-eyes-state">
        {history.fourEyes
          ? 'Four-eyes is on: a version is published only when someone other than its author approves it.'
          : 'Four-eyes is off: approvers and admins publish directly.'}{' '}
        {live ? `Live: v${live.number}.` : 'Nothing is live yet.'}
      </p>
      {newest && (
        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">Compare two versions</h2>
          <CompareForm
            policyId={history.policyId}
            versions={history.versions}
            from={(previous ?? newest).number}
            to={newest.number}
          />
        </section>
      )}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <VersionTable history={history} user={user} />
      </section>
    </main>
  )
}
