import type { ServiceContext } from '@dun/service'
import { findLiveExperiment, listPolicies, listVersions } from '@dun/store'

export interface VersionChoice {
  readonly id: string
  readonly number: number
  readonly live: boolean
  readonly comment: string
}

export interface PolicyChoice {
  readonly id: string
  readonly name: string
  /** Versions that passed the publishing rule, newest first: the only ones an arm may run. */
  readonly versions: readonly VersionChoice[]
  /** The experiment already deciding this policy's new cases, which blocks a second one. */
  readonly liveExperiment: string | null
}

/** What the start form offers: each policy with its published versions. */
export async function startChoices(ctx: ServiceContext): Promise<PolicyChoice[]> {
  const choices: PolicyChoice[] = []
  for (const policy of await listPolicies(ctx.db, ctx.workspace)) {
    const versions = (await listVersions(ctx.db, ctx.workspace, policy.id))
      .filter((v) => v.published_at !== null)
      .map((v) => ({
        id: v.id,
        number: v.number,
        live: v.id === policy.live_version_id,
        comment: v.comment,
      }))
    const live = await findLiveExperiment(ctx.db, ctx.workspace, policy.id)
    choices.push({
      id: policy.id,
      name: policy.name,
      versions,
      liveExperiment: live?.experiment.name ?? null,
    })
  }
  return choices
}
