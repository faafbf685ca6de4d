import { listFunnelSteps, listFunnelVersions, type OutcomeFunnelStepRow } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ratio } from './ratio.js'

/** Closed cases of a version that reached one step, and what they recovered after it. */
export interface FunnelStep {
  readonly stepId: string
  readonly casesReached: number
  /** Mean whole days from opening to the step's first send: the steps' order. */
  readonly meanDayReached: number
  /** Cases with a payment after the step's first send. */
  readonly recoveredAfter: number
  readonly recoveredAfterRate: number
  /** Minor units of the version's currency paid after the step's first send. */
  readonly amountRecoveredAfter: number
}

/**
 * The recovery funnel of one version and currency, over its closed cases (an open case's
 * outcome is not known yet): how many closed, how many of them paid, and per step.
 */
export interface VersionFunnel {
  readonly policyVersionId: string
  readonly currency: string
  readonly closedCases: number
  readonly recoveredCases: number
  readonly recoveredAmount: number
  readonly steps: readonly FunnelStep[]
}

function step(row: OutcomeFunnelStepRow): FunnelStep {
  return {
    stepId: row.step_id,
    casesReached: row.cases_reached,
    meanDayReached: ratio(row.reach_days, row.cases_reached),
    recoveredAfter: row.recovered_cases,
    recoveredAfterRate: ratio(row.recovered_cases, row.cases_reached),
    amountRecoveredAfter: row.recovered_amount,
  }
}

/** The funnel per version and currency, steps in the order cases reach them. */
export async function recoveryFunnel(ctx: ServiceContext): Promise<VersionFunnel[]> {
  const [versions, steps] = await Promise.all([
    listFunnelVersions(ctx.db, ctx.workspace),
    listFunnelSteps(ctx.db, ctx.workspace),
  ])
  return versions.map((v) => ({
    policyVersionId: v.policy_version_id,
    currency: v.currency,
    closedCases: v.closed_cases,
    recoveredCases: v.recovered_cases,
    recoveredAmount: v.recovered_amount,
    steps: steps
      .filter((s) => s.policy_version_id === v.policy_version_id && s.currency === v.currency)
      .map(step)
      .sort((a, b) => a.meanDayReached - b.meanDayReached || a.stepId.localeCompare(b.stepId)),
  }))
}
