import { listAudit } from '@dun/store'
import type { ServiceContext } from '@dun/service'

export interface AuditEntryView {
  readonly id: string
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subject: string
  /** The entry's details as `key: value` pairs, for a table cell. */
  readonly details: string
}

function detailText(details: unknown): string {
  if (details === null || typeof details !== 'object') return ''
  return Object.entries(details)
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')
}

/** The newest audit entries of the workspace: publishes, approvals, users, retries. */
export async function auditEntries(ctx: ServiceContext, limit = 200): Promise<AuditEntryView[]> {
  const rows = await listAudit(ctx.db, ctx.workspace, limit)
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    subject: `${row.subject_type} ${row.subject_id}`,
    details: detailText(row.details),
  }))
}
