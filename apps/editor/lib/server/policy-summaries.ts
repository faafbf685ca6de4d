import { findPolicy, listPolicies, listVersions, type PolicyVersionRow } from '@dun/store'
import type { ServiceContext } from '@dun/service'

export interface VersionSummary {
  readonly id: string
  readonly number: number
  readonly state: PolicyVersionRow['state']
  readonly author: string
  readonly createdAt: string
}

export interface PolicySummary {
  readonly id: string
  readonly name: string
  /** The published version new cases start under. */
  readonly live: VersionSummary | null
  /** The newest version when it is newer than the live one (a draft or awaiting approval). */
  readonly latestDraft: VersionSummary | null
}

function summary(version: PolicyVersionRow): VersionSummary {
  return {
    id: version.id,
    number: version.number,
    state: version.state,
    author: version.author,
    createdAt: version.created_at.toISOString(),
  }
}

/** Every policy of the workspace with its live version and its newest unpublished one. */
export async function policySummaries(ctx: ServiceContext): Promise<PolicySummary[]> {
  const policies = await listPolicies(ctx.db, ctx.workspace)
  const summaries: PolicySummary[] = []
  // One after the other: the embedded database serves one query at a time anyway.
  for (const policy of policies) {
    const versions = await listVersions(ctx.db, ctx.workspace, policy.id)
    const live = versions.find((v) => v.id === policy.live_version_id) ?? null
    const newest = versions[0]
    const latestDraft =
      newest && newest.id !== live?.id && newest.state !== 'archived' ? newest : null
    summaries.push({
      id: policy.id,
      name: policy.name,
      live: live && summary(live),
      latestDraft: latestDraft && summary(latestDraft),
    })
  }
  return summaries
}

export interface PolicyDocument {
  readonly id: string
  readonly name: string
  readonly latest: VersionSummary & { readonly source: string }
  readonly liveNumber: number | null
}

/** A policy with the source of its newest version (what the editor opens). Null when unknown. */
export async function policyDocument(
  ctx: ServiceContext,
  policyId: string,
): Promise<PolicyDocument | null> {
  // Not a uuid: no such policy (and no SQL error for a hand-typed URL).
  if (!/^[0-9a-f-]{36}$/i.test(policyId)) return null
  const policy = await findPolicy(ctx.db, ctx.workspace, policyId)
  if (!policy) return null
  const versions = await listVersions(ctx.db, ctx.workspace, policy.id)
  const newest = versions[0]
  if (!newest) return null
  const liveNumber = versions.find((v) => v.id === policy.live_version_id)?.number ?? null
  return {
    id: policy.id,
    name: policy.name,
    latest: { ...summary(newest), source: newest.source },
    liveNumber,
  }
}
