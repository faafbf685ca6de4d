import { listPolicies, listVersions } from '@dun/store'
import { listDatasets, type DatasetSummary, type ServiceContext } from '@dun/service'
import type { PolicyChoice } from '../../simulation/run-simulation'

/** A saved policy version the simulation page offers, with its compiled rules. */
export interface VersionChoice extends PolicyChoice {
  readonly id: string
  readonly policyName: string
  /** The version new cases of this policy start under. */
  readonly live: boolean
}

export interface SimulationChoices {
  readonly datasets: readonly DatasetSummary[]
  /** Every saved version of every policy, newest first within each policy. */
  readonly versions: readonly VersionChoice[]
}

/** What can be simulated: the stored datasets and every policy's saved versions. */
export async function simulationChoices(ctx: ServiceContext): Promise<SimulationChoices> {
  const policies = await listPolicies(ctx.db, ctx.workspace)
  const versions = await Promise.all(
    policies.map(async (policy) =>
      (await listVersions(ctx.db, ctx.workspace, policy.id)).map((version) => {
        const live = version.id === policy.live_version_id
        return {
          id: version.id,
          policyName: policy.name,
          live,
          label: `${policy.name} v${version.number}${live ? ' (live)' : ` (${version.state.replace('_', ' ')})`}`,
          compiled: version.compiled,
        }
      }),
    ),
  )
  return { datasets: await listDatasets(ctx), versions: versions.flat() }
}
