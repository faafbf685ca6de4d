import { findLiveExperiment, findPolicy, getSettings, type Db } from '@dun/store'
import { assignArm } from './assignment.js'

/** The experiment arm a new case was assigned, recorded with the case. */
export interface ArmAssignment {
  readonly experimentId: string
  readonly arm: string
}

export interface CaseVersion {
  readonly versionId: string
  readonly assignment: ArmAssignment | null
}

/**
 * What new cases start under: the active policy's live version, or, while an experiment
 * runs on it, the version of the customer's arm (sticky: the same customer, the same arm).
 */
export interface LiveSetting {
  /** Every version a new case can be pinned to, to prepare before evaluating. */
  readonly versionIds: readonly string[]
  versionFor(customerId: string): CaseVersion
}

export async function loadLiveSetting(db: Db, workspace: string): Promise<LiveSetting | null> {
  const { activePolicyId } = await getSettings(db, workspace)
  if (activePolicyId === null) return null
  const experiment = await findLiveExperiment(db, workspace, activePolicyId)
  if (experiment) {
    const id = experiment.experiment.id
    const { arms } = experiment
    const versionOf = new Map(arms.map((arm) => [arm.name, arm.version_id]))
    return {
      versionIds: arms.map((arm) => arm.version_id),
      versionFor(customerId) {
        const arm = assignArm(workspace, id, customerId, arms)
        return { versionId: versionOf.get(arm)!, assignment: { experimentId: id, arm } }
      },
    }
  }
  const live = (await findPolicy(db, workspace, activePolicyId))?.live_version_id ?? null
  return live === null
    ? null
    : { versionIds: [live], versionFor: () => ({ versionId: live, assignment: null }) }
}
