import type { Metadata } from 'next'
import '@/components/versions/versions.css'
import { requirePageUser } from '@/lib/server/auth'
import { serviceContext } from '@/lib/server/service-context'
import { auditEntries } from '@/lib/server/versions/audit-entries'

export const metadata: Metadata = { title: 'Audit log · Dun' }

export default async function AuditPage() {
  await requirePageUser('read')
  const entries = await auditEntries(await serviceContext())
  return (
    <main id="main" className="page">
      <h1>Audit log</h1>
      <p className="muted">
        Every save, publish request, approval, user change and ledger retry, newest first.
      </p>
      <table className="audit">
        <caption className="visually-hidden">Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  )
}
