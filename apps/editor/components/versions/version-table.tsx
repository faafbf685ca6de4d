import { allows, type SignedInUser } from '@/lib/roles'
import type { VersionHistory } from '@/lib/server/versions/version-history'
import { PublishControls } from './publish-controls'

const STATE_TEXT = {
  draft: 'draft',
  pending_approval: 'awaiting approval',
  published: 'published (live, read-only)',
  archived: 'archived',
} as const

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ') + ' UTC'
}

/** The history: every saved version with author, time, state, comment and approvals. */
export function VersionTable({ history, user }: { history: VersionHistory; user: SignedInUser }) {
  const canPublish = allows(user, 'publish')
  const publishLabel = history.fourEyes ? 'Request approval for' : 'Publish'
  return (
    <table className="versions">
      <caption className="visually-hidden">Versions of {history.policyName}, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Author</th>
          <th scope="col">Saved</th>
          <th scope="col">State</th>
          <th scope="col">Comment and approvals</th>
          <th scope="col">Next step</th>
        </tr>
      </thead>
      <tbody>
        {history.versions.map((v) => (
          <tr key={v.id} data-testid={`version-${v.number}`}>
            <th scope="row">v{v.number}</th>
            <td>{v.author}</td>
            <td>{when(v.createdAt)}</td>
            <td className={`state state-${v.state}`}>{STATE_TEXT[v.state]}</td>
            <td>
              {v.comment || <span className="muted">no comment</span>}
              {v.approvals.map((a) => (
                <div key={a.approver} className="approval">
                  approved by {a.approver} {when(a.approvedAt)}
                  {a.comment && `: ${a.comment}`}
                </div>
              ))}
            </td>
            <td>
              <PublishControls
                versionId={v.id}
                number={v.number}
                state={v.state}
                canRequest={allows(user, 'draft') && (history.fourEyes || canPublish)}
                publishLabel={publishLabel}
                canApprove={canPublish && v.author !== user.username}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
