import type { Metadata } from 'next'
import Link from 'next/link'
import { listDatasets } from '@dun/service'
import { DatasetUploadForm } from '@/components/simulation/dataset-upload-form'
import { allows } from '@/lib/roles'
import { requirePageUser } from '@/lib/server/auth'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Datasets · Dun' }

export default async function DatasetsPage() {
  const user = await requirePageUser('read')
  const datasets = await listDatasets(await serviceContext())
  return (
    <main id="main" className="page">
      <div className="page-heading">
        <h1>Datasets</h1>
        <Link href="/simulations" className="button">
          Simulate
        </Link>
      </div>
      <p>Historical invoices to simulate policies against, stored apart from the live invoices.</p>
      {datasets.length === 0 ? (
        <p>No dataset yet.</p>
      ) : (
        <table className="data" data-testid="datasets">
          <caption className="visually-hidden">The workspace&apos;s datasets</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Invoices</th>
              <th scope="col">Rows left out</th>
              <th scope="col">Files</th>
              <th scope="col">Uploaded</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.name}</th>
                <td>{d.invoiceCount.toLocaleString('en')}</td>
                <td>{d.errorCount.toLocaleString('en')}</td>
                <td>{d.source}</td>
                <td>{d.createdAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {allows(user, 'draft') && <DatasetUploadForm />}
    </main>
  )
}
