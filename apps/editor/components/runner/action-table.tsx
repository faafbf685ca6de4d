import type { ReactNode } from 'react'
import type { ActionView } from '@/lib/server/runner/runner-status'

export interface ActionTableProps {
  readonly caption: string
  readonly actions: readonly ActionView[]
  readonly empty: string
  /** An extra last column (the retry button), when the table offers one. */
  readonly control?: (action: ActionView) => ReactNode
}

function time(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '—'
}

/** Ledger actions as a table: what, for whom, when, status, the last error. */
export function ActionTable({ caption, actions, empty, control }: ActionTableProps) {
  if (actions.length === 0) return <p className="muted">{empty}</p>
  return (
    <table className="actions">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Customer / invoice</th>
          <th scope="col">Scheduled (UTC)</th>
          <th scope="col">Last attempt</th>
          <th scope="col">Status</th>
          <th scope="col">Detail</th>
          {control && <th scope="col">Retry</th>}
        </tr>
      </thead>
      <tbody>
        {actions.map((a) => (
          <tr key={a.id}>
            <th scope="row" title={a.stepId}>
              {a.what}
            </th>
            <td>
              {a.customerId} / {a.invoiceId}
            </td>
            <td>{time(a.scheduledAt)}</td>
            <td>{time(a.lastAt)}</td>
            <td>
              {a.status}
              {a.attempts > 0 && ` (${a.attempts} attempt${a.attempts === 1 ? '' : 's'})`}
            </td>
            <td>{a.detail ?? ''}</td>
            {control && <td>{control(a)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
