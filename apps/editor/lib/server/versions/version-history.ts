import {
  findPolicy,
  getSettings,
  listApprovals,
  listVersions,
  type PolicyVersionRow,
} from '@dun/store'
import type { ServiceContext } from '@dun/service'

export interface Approval {
  readonly approver: string
  readonly comment: string
  readonly approvedAt: string
}

export interface VersionEntry {
  readonly id: string
  readonly number: number
  readonly state: PolicyVersionRow['state']
  readonly author: string
  readonly comment: string
  readonly createdAt: string
  readonly publishedAt: string | null
  readonly approvals: readonly Approval[]
}

export interface VersionHistory {
  readonly policyId: string
  readonly policyName: string
  readonly liveVersionId: string | null
  readonly fourEyes: boolean
  /** Newest first. */
  readonly versions: readonly VersionEntry[]
}

const UUID = /^[0-9a-f-]{36}$/i

/** A policy's versions with their approvals, and whether publishing needs a second person. */
export async function versionHistory(
  ctx: ServiceContext,
  policyId: string,
): Promise<VersionHistory | null> {
  // A hand-typed URL that is no uuid names no policy (and must not become an SQL error).
  if (!UUID.test(policyId)) return null
  const policy = await findPolicy(ctx.db, ctx.workspace, policyId)
  if (!policy) return null
  const [rows, settings] = await Promise.all([
    listVersions(ctx.db, ctx.workspace, policy.id),
    getSettings(ctx.db, ctx.workspace),
  ])
  const versions = await Promise.all(
    rows.map(async (row): Promise<VersionEntry> => {
      const approvals = await listApprovals(ctx.db, ctx.workspace, row.id)
      return {
        id: row.id,
        number: row.number,
        state: row.state,
        author: row.author,
        comment: row.comment,
        createdAt: row.created_at.toISOString(),
        publishedAt: row.published_at?.toISOString() ?? null,
        approvals: approvals.map((a) => ({
          approver: a.approver,
          comment: a.comment,
          approvedAt: a.approved_at.toISOString(),
        })),
      }
    }),
  )
  return {
    policyId: policy.id,
    policyName: policy.name,
    liveVersionId: policy.live_version_id,
    fourEyes: settings.fourEyes,
    versions,
  }
}

export interface ComparedVersion {
  readonly id: string
  readonly number: number
  readonly state: PolicyVersionRow['state']
  readonly source: string
}

/** Two versions of one policy, by number, with their sources; null when either is missing. */
export async function versionPair(
  ctx: ServiceContext,
  policyId: string,
  fromNumber: number,
  toNumber: number,
): Promise<{ readonly from: ComparedVersion; readonly to: ComparedVersion } | null> {
  if (!UUID.test(policyId)) return null
  const rows = await listVersions(ctx.db, ctx.workspace, policyId)
  const pick = (n: number) => {
    const row = rows.find((r) => r.number === n)
    return row && { id: row.id, number: row.number, state: row.state, source: row.source }
  }
  const from = pick(fromNumber)
  const to = pick(toNumber)
  return from && to ? { from, to } : null
}
