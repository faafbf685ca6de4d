import type { Db } from '../database.js'
import type { AuditRow } from '../tables/users.table.js'

export interface AuditEntry {
  readonly workspace: string
  readonly actor: string
  readonly action: string
  readonly subjectType: string
  readonly subjectId: string
  readonly details?: Record<string, unknown>
}

/** Appends to the audit log; callers do it inside the transaction of the change it records. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspace,
      actor: entry.actor,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute()
}

export async function listAudit(db: Db, workspace: string, limit = 100): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
