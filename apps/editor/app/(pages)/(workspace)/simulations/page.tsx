import type { Metadata } from 'next'
import { SimulationView } from '@/components/simulation/simulation-view'
import { requirePageUser } from '@/lib/server/auth'
import { simulationChoices } from '@/lib/server/datasets/simulation-choices'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Simulation · Dun' }

export default async function SimulationsPage() {
  await requirePageUser('draft')
  const { datasets, versions } = await simulationChoices(await serviceContext())
  return (
    <main id="main" className="page">
      <h1>Simulation</h1>
      <p>
        Replays a dataset&apos;s invoices under one or two policy versions, in your browser, with
        the same engine the runner uses.
      </p>
      <SimulationView datasets={datasets} versions={versions} />
    </main>
  )
}
