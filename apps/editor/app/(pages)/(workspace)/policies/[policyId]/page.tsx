import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PolicyEditor } from '@/components/editor/policy-editor'
import { allows } from '@/lib/roles'
import { requirePageUser } from '@/lib/server/auth'
import { policyDocument } from '@/lib/server/policy-summaries'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Policy · Dun' }

export default async function PolicyPage({ params }: { params: Promise<{ policyId: string }> }) {
  const user = await requirePageUser('read')
  const { policyId } = await params
  const policy = await policyDocument(await serviceContext(), policyId)
  if (!policy) notFound()
  const live = policy.liveNumber === null ? 'not published' : `live: v${policy.liveNumber}`
  return (
    <main id="main" className="page page-editor">
      <nav aria-label="Policy" className="policy-nav">
        <Link href={`/policies/${policy.id}/versions`}>Versions, compare and publish</Link>
      </nav>
      <PolicyEditor
        key={policy.latest.id}
        policyId={policy.id}
        title={`${policy.name} · v${policy.latest.number} (${policy.latest.state}; ${live})`}
        initialSource={policy.latest.source}
        canDraft={allows(user, 'draft')}
      />
    </main>
  )
}
