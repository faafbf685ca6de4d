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
  analyseCases,
  type CaseOutcome,
  type ExperimentAnalysis,
} from './analysis.js'

/** An experiment with its analysis; days to collect are left out (see `experimentOverview`). */
export interface ExperimentOverview {
  readonly experiment: ExperimentRow
  readonly arms: readonly ExperimentArmRow[]
  readonly analysis: ExperimentAnalysis
}

export interface ExperimentResults extends ExperimentOverview {
  /** The same analysis within each segment: exploratory, not corrected across segments. */
  readonly bySegment: Readonly<Record<string, ExperimentAnalysis>>
}

/**
 * Each arm's cases so far: recovered = the invoice was paid after its case opened, days to
 * collect = from opening to that payment. The first arm is the control. Overall and per
 * segment, with days to collect and their bootstrap intervals.
 */
export async function experimentResults(
  ctx: ServiceContext,
  experimentId: string,
): Promise<ExperimentResults> {
  const { found, cases } = await experimentCases(ctx, experimentId)
  const arms = found.arms.map((arm) => arm.name)
  const options = { minimumSamplePerArm: found.experiment.minimum_sample_per_arm }
  return {
    ...found,
    analysis: analyseCases(arms, cases, options),
    bySegment: analyseBySegment(arms, cases, options),
  }
}

/**
 * The overall recovery comparison only: no days to collect (no bootstrap) and no segments,
 * cheap enough to show every experiment in a list.
 */
export async function experimentOverview(
  ctx: ServiceContext,
  experimentId: string,
): Promise<ExperimentOverview> {
  const { found, cases } = await experimentCases(ctx, experimentId)
  const arms = found.arms.map((arm) => arm.name)
  return {
    ...found,
    analysis: analyseCases(arms, cases, {
      minimumSamplePerArm: found.experiment.minimum_sample_per_arm,
      daysToCollect: false,
    }),
  }
}

/** The experiment and its assigned cases in the order they opened (the planned sample is the first of each arm). */
async function experimentCases(ctx: ServiceContext, experimentId: string) {
  const found = isUuid(experimentId)
    ? await findExperiment(ctx.db, ctx.workspace, experimentId)
    : undefined
  if (!found) {
    throw new ServiceError('not_found', `no experiment with id ${experimentId}`, {
      field: 'experimentId',
      hint: 'list experiments with `dun experiment list`',
    })
  }
  const assigned = await assignedCaseOutcomes(ctx.db, ctx.workspace, found.experiment.id)
  assigned.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())
  const cases: CaseOutcome[] = assigned.map((c) => ({
    arm: c.arm,
    segment: c.segment,
    daysToCollect: c.paidAt ? (c.paidAt.getTime() - c.openedAt.getTime()) / MS_PER_DAY : null,
  }))
  return { found, cases }
}
