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
import {
  analyseBySegment,
  analyseExperiment,
  armOutcomes,
  type CaseOutcome,
  type ExperimentAnalysis,
} from './analysis.js'

export interface ExperimentResults {
  readonly experiment: ExperimentRow
  readonly arms: readonly ExperimentArmRow[]
  readonly analysis: ExperimentAnalysis
  /** The same analysis within each segment. */
  readonly bySegment: Readonly<Record<string, ExperimentAnalysis>>
}

/**
 * Each arm's cases so far: recovered = the invoice was paid after its case opened, days to
 * collect = from opening to that payment. The first arm is the control. Overall and per segment.
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
  const cases: CaseOutcome[] = (
    await assignedCaseOutcomes(ctx.db, ctx.workspace, found.experiment.id)
  ).map((c) => ({
    arm: c.arm,
    segment: c.segment,
    daysToCollect: c.paidAt ? (c.paidAt.getTime() - c.openedAt.getTime()) / MS_PER_DAY : null,
  }))
  const arms = found.arms.map((arm) => arm.name)
  const options = { minimumSamplePerArm: found.experiment.minimum_sample_per_arm }
  return {
    ...found,
    analysis: analyseExperiment(armOutcomes(arms, cases), options),
    bySegment: analyseBySegment(arms, cases, options),
  }
}
