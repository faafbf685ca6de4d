import type { Metadata } from 'next'
import Link from 'next/link'
import { allows } from '@/lib/roles'
import { requirePageUser } from '@/lib/server/auth'
import { policySummaries, type VersionSummary } from '@/lib/server/policy-summaries'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Policies · Dun' }

export default async function PoliciesPage() {
  const user = await requirePageUser('read')
  const policies = await policySummaries(await serviceContext())
  return (
    <main id="main" className="page">
      <div className="page-heading">
        <h1>Policies</h1>
        {allows(user, 'draft') && (
          <Link href="/policies/new" className="button primary">
            New policy
          </Link>
        )}
      </div>
      {policies.length === 0 ? (
        <p>
          No policies yet. Create one, or publish the examples with <code>npm start</code>.
        </p>
      ) : (
        <table className="policies">
          <caption className="visually-hidden">The workspace&apos;s policies</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Live version</th>
              <th scope="col">Latest draft</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((policy) => (
              <tr key={policy.id}>
                <th scope="row">
                  <Link href={`/policies/${policy.id}`}>{policy.name}</Link>
                </th>
                <td>{describe(policy.live, 'not published')}</td>
                <td>{describe(policy.latestDraft, 'none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  )
}

function describe(version: VersionSummary | null, none: string): string {
  if (!version) return none
  const state = version.state === 'pending_approval' ? ', awaiting approval' : ''
  return `v${version.number} by ${version.author}, ${version.createdAt.slice(0, 10)}${state}`
}
