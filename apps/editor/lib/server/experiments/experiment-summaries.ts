import {
  experimentResults,
  type ExperimentAnalysis,
  type ExperimentResults,
  type ServiceContext,
} from '@dun/service'
import {
  findExperiment,
  findPolicy,
  findVersion,
  listExperiments,
  type ExperimentRow,
  type ExperimentState,
  type PolicyVersionRow,
} from '@dun/store'
import { verdictOf, verdictText, type Interval, type Verdict } from './verdict'

export interface ArmView {
  readonly name: string
  readonly versionId: string
  readonly versionNumber: number | null
  readonly weight: number
  /** The arm's share of new customers, in percent of the summed weights. */
  readonly sharePercent: number
  readonly cases: number
  readonly recovered: number
  readonly recoveryRate: number | null
  /** Wilson 95% interval of the recovery rate. */
  readonly recoveryInterval: Interval
  readonly medianDaysToCollect: number | null
}

export interface ComparisonView {
  readonly arm: string
  readonly control: string
  readonly verdict: Verdict
  /** The verdict in words, with the difference and its interval once there is one. */
  readonly text: string
  /** Arm − control recovery rate, with Newcombe's 95% interval. */
  readonly difference: number
  readonly interval: Interval
  readonly pValue: number
  /** Arm − control median days to collect; null until both arms have two recovered cases. */
  readonly daysToCollect: {
    readonly medianDifference: number
    readonly interval: Interval
    readonly pValue: number
    readonly significant: boolean
  } | null
}

export interface SegmentView {
  readonly segment: string
  readonly cases: number
  readonly comparisons: readonly ComparisonView[]
}

export interface PromotedVersion {
  readonly id: string
  readonly number: number
  readonly state: PolicyVersionRow['state']
  readonly author: string
}

export interface ExperimentSummary {
  readonly id: string
  readonly name: string
  readonly policyId: string
  readonly policyName: string
  readonly state: ExperimentState
  readonly startedAt: string
  readonly startedBy: string
  readonly endedAt: string | null
  readonly endedBy: string | null
  readonly promotedArm: string | null
  /** The draft made from the promoted arm, on its way through the publishing rule. */
  readonly promotedVersion: PromotedVersion | null
  readonly minimumSamplePerArm: number
  /** In order: the first is the control. */
  readonly arms: readonly ArmView[]
  readonly comparisons: readonly ComparisonView[]
  /** The same comparisons within each segment the policy put cases in; each needs the minimum sample on its own. */
  readonly bySegment: readonly SegmentView[]
  /** The arm that recovers significantly more than the control by the widest margin, if any. */
  readonly leadingArm: string | null
}

const UUID = /^[0-9a-f-]{36}$/i

/** Experiments newest first, each with its results so far; `running` keeps only those still running. */
export async function listExperimentSummaries(
  ctx: ServiceContext,
  which: 'running' | 'all',
): Promise<ExperimentSummary[]> {
  const rows = await listExperiments(ctx.db, ctx.workspace)
  const kept = which === 'running' ? rows.filter((row) => row.state === 'running') : rows
  const summaries: ExperimentSummary[] = []
  // One at a time: the editor's embedded database serves a single connection.
  for (const row of kept) summaries.push(await summarise(ctx, row))
  return summaries
}

/** One experiment with its results, or null when no experiment has this id. */
export async function experimentSummary(
  ctx: ServiceContext,
  id: string,
): Promise<ExperimentSummary | null> {
  if (!UUID.test(id)) return null
  const found = await findExperiment(ctx.db, ctx.workspace, id)
  return found ? summarise(ctx, found.experiment) : null
}

async function summarise(ctx: ServiceContext, row: ExperimentRow): Promise<ExperimentSummary> {
  const results = await experimentResults(ctx, row.id)
  const policy = await findPolicy(ctx.db, ctx.workspace, row.policy_id)
  const numbers = new Map<string, number>()
  for (const arm of results.arms) {
    const version = await findVersion(ctx.db, ctx.workspace, arm.version_id)
    if (version) numbers.set(arm.version_id, version.number)
  }
  const promoted = row.promoted_version_id
    ? await findVersion(ctx.db, ctx.workspace, row.promoted_version_id)
    : undefined
  const arms = armViews(results, numbers)
  const comparisons = comparisonViews(results.analysis, row.minimum_sample_per_arm)
  const bySegment = Object.entries(results.bySegment).map(([segment, analysis]) => ({
    segment,
    cases: analysis.arms.reduce((sum, arm) => sum + arm.cases, 0),
    comparisons: comparisonViews(analysis, row.minimum_sample_per_arm),
  }))
  return {
    id: row.id,
    name: row.name,
    policyId: row.policy_id,
    policyName: policy?.name ?? '(deleted policy)',
    state: row.state,
    startedAt: row.started_at.toISOString(),
    startedBy: row.started_by,
    endedAt: row.stopped_at?.toISOString() ?? null,
    endedBy: row.stopped_by,
    promotedArm: row.promoted_arm,
    promotedVersion: promoted
      ? {
          id: promoted.id,
          number: promoted.number,
          state: promoted.state,
          author: promoted.author,
        }
      : null,
    minimumSamplePerArm: row.minimum_sample_per_arm,
    arms,
    comparisons,
    bySegment,
    leadingArm: leadingArm(comparisons),
  }
}

/** Each arm's version, share of new customers and figures, control first. */
function armViews(results: ExperimentResults, numbers: ReadonlyMap<string, number>): ArmView[] {
  const totalWeight = results.arms.reduce((sum, arm) => sum + arm.weight, 0)
  const figures = new Map(results.analysis.arms.map((a) => [a.arm, a]))
  return results.arms.map((arm): ArmView => {
    const summary = figures.get(arm.name)
    return {
      name: arm.name,
      versionId: arm.version_id,
      versionNumber: numbers.get(arm.version_id) ?? null,
      weight: arm.weight,
      sharePercent: (arm.weight / totalWeight) * 100,
      cases: summary?.cases ?? 0,
      recovered: summary?.recovered ?? 0,
      recoveryRate: summary?.recoveryRate ?? null,
      recoveryInterval: summary?.recoveryInterval ?? [0, 1],
      medianDaysToCollect: summary?.medianDaysToCollect ?? null,
    }
  })
}

/** Each arm against the control, with the verdict in words. */
function comparisonViews(analysis: ExperimentAnalysis, minimum: number): ComparisonView[] {
  const casesOf = new Map(analysis.arms.map((arm) => [arm.arm, arm.cases]))
  return analysis.comparisons.map((c): ComparisonView => {
    const verdict = verdictOf({
      verdict: c.verdict,
      difference: c.recovery.difference,
      interval: c.recovery.interval,
      armCases: casesOf.get(c.arm) ?? 0,
      controlCases: casesOf.get(c.control) ?? 0,
      minimumSamplePerArm: minimum,
    })
    return {
      arm: c.arm,
      control: c.control,
      verdict,
      text: verdictText(verdict, c.arm, c.control),
      difference: c.recovery.difference,
      interval: c.recovery.interval,
      pValue: c.recovery.pValue,
      daysToCollect: c.daysToCollect && {
        medianDifference: c.daysToCollect.medianDifference,
        interval: c.daysToCollect.interval,
        pValue: c.daysToCollect.pValue,
        significant: c.daysToCollect.significant,
      },
    }
  })
}

function leadingArm(comparisons: readonly ComparisonView[]): string | null {
  const better = comparisons
    .filter((c) => c.verdict.kind === 'recovers-more')
    .sort((a, b) => b.difference - a.difference)
  return better[0]?.arm ?? null
}
