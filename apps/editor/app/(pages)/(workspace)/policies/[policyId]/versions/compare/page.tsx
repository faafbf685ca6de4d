import { describeChanges } from '@dun/dsl'
import type { Metadata } from 'next'
import '@/components/versions/versions.css'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ChangeSummary } from '@/components/versions/change-summary'
import { DiffView } from '@/components/versions/diff-view'
import { requirePageUser } from '@/lib/server/auth'
import { serviceContext } from '@/lib/server/service-context'
import { versionPair } from '@/lib/server/versions/version-history'

export const metadata: Metadata = { title: 'Compare versions · Dun' }

interface CompareProps {
  readonly params: Promise<{ policyId: string }>
  readonly searchParams: Promise<{ from?: string; to?: string }>
}

export default async function ComparePage({ params, searchParams }: CompareProps) {
  await requirePageUser('read')
  const { policyId } = await params
  const { from, to } = await searchParams
  const pair = await versionPair(await serviceContext(), policyId, Number(from), Number(to))
  if (!pair) notFound()
  const changes = describeChanges(pair.from.source, pair.to.source)
  const title = `v${pair.from.number} → v${pair.to.number}`
  return (
    <main id="main" className="page">
      <div className="page-heading">
        <h1>Changes {title}</h1>
        <Link href={`/policies/${policyId}/versions`}>Back to the versions</Link>
      </div>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">What changed</h2>
        <ChangeSummary changes={changes} />
      </section>
      <section aria-labelledby="diff-heading">
        <h2 id="diff-heading">
          Text: v{pair.from.number} ({pair.from.state.replace('_', ' ')}) on the left, v
          {pair.to.number} ({pair.to.state.replace('_', ' ')}) on the right
        </h2>
        <DiffView
          original={pair.from.source}
          modified={pair.to.source}
          label={`Differences between versions ${title}`}
        />
      </section>
    </main>
  )
}
