import { MS_PER_DAY } from '@dun/engine'
import {
  assignedCaseOutcomes,
  findExperiment,
  type ExperimentArmRow,
  type ExperimentRow,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { isUuid } from '../ids.js'
import { analyseExperiment, type ArmOutcomes, type ExperimentAnalysis } from './analysis.js'

export interface ExperimentResults {
  readonly experiment: ExperimentRow
  readonly arms: readonly ExperimentArmRow[]
  readonly analysis: ExperimentAnalysis
}

/**
 * Each arm's cases so far: recovered = the invoice was paid after its case opened, days to
 * collect = from opening to that payment. The first arm is the control.
 */
export async function experimentResults(
  ctx: ServiceContext,
  experimentId: string,
): Promise<ExperimentResults> {
  const found = isUuid(experimentId)
    ? await findExperiment(ctx.db, ctx.workspace, experimentId)
    : undefined
  if (!found) {
    throw new ServiceError('not_found', `no experiment with id ${experimentId}`, {
      field: 'experimentId',
      hint: 'list experiments with `dun experiment list`',
    })
  }
  const cases = await assignedCaseOutcomes(ctx.db, ctx.workspace, found.experiment.id)
  const outcomes = new Map<string, { cases: number; days: number[] }>(
    found.arms.map((arm) => [arm.name, { cases: 0, days: [] }]),
  )
  for (const c of cases) {
    const arm = outcomes.get(c.arm)
    if (!arm) continue
    arm.cases += 1
    if (c.paidAt) arm.days.push((c.paidAt.getTime() - c.openedAt.getTime()) / MS_PER_DAY)
  }
  const armOutcomes: ArmOutcomes[] = found.arms.map((arm) => {
    const { cases: count, days } = outcomes.get(arm.name)!
    return { arm: arm.name, cases: count, recovered: days.length, daysToCollect: days }
  })
  return {
    ...found,
    analysis: analyseExperiment(armOutcomes, {
      minimumSamplePerArm: found.experiment.minimum_sample_per_arm,
    }),
  }
}
