import type { Metadata } from 'next'
import '@/components/experiments/experiments.css'
import Link from 'next/link'
import { StartExperimentForm } from '@/components/experiments/start-experiment-form'
import { requirePageUser } from '@/lib/server/auth'
import { startChoices } from '@/lib/server/experiments/start-choices'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Start an experiment · Dun' }
export const dynamic = 'force-dynamic'

export default async function NewExperimentPage() {
  await requirePageUser('publish')
  const policies = await startChoices(await serviceContext())
  return (
    <main id="main" className="page">
      <div className="page-heading">
        <h1>Start an experiment</h1>
        <Link href="/experiments">All experiments</Link>
      </div>
      <StartExperimentForm policies={policies} />
    </main>
  )
}
