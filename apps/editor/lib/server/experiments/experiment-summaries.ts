import {
  experimentOverview,
  experimentResults,
  type ExperimentAnalysis,
  type ExperimentOverview,
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
  /** Arm − control recovery rate, with Newcombe's interval at the experiment's `intervalLevel`. */
  readonly difference: number
  readonly interval: Interval
  readonly pValue: number
  /**
   * Arm − control median days to collect; null until both arms have two recovered cases, and
   * in lists (its bootstrap is computed on the experiment's own page only).
   */
  readonly daysToCollect: {
    readonly medianDifference: number
    readonly interval: Interval
    readonly pValue: number
    readonly significant: boolean
  } | null
}

/** One arm against the control within a segment: exploratory figures, never a verdict. */
export interface SegmentComparisonView {
  readonly arm: string
  readonly control: string
  readonly difference: number
  readonly interval: Interval
  /** Cases this segment's arm furthest behind still needs to reach the planned sample. */
  readonly casesPerArmNeeded: number
}

export interface SegmentView {
  /** The segment's name, "(no segment)" for cases the policy did not segment. */
  readonly segment: string
  readonly cases: number
  readonly comparisons: readonly SegmentComparisonView[]
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
  /** The planned sample: the verdict is one test on the first this many cases of every arm. */
  readonly minimumSamplePerArm: number
  /** Cases the arm furthest behind still needs before the verdict; 0 once it is given. */
  readonly casesPerArmNeeded: number
  /** The differences' intervals: "95%" with one comparison, "98.3%" with three (Bonferroni). */
  readonly intervalLevel: string
  /** In order: the first is the control. */
  readonly arms: readonly ArmView[]
  readonly comparisons: readonly ComparisonView[]
  /** The arm that recovers significantly more than the control by the widest margin, if any. */
  readonly leadingArm: string | null
}

/** An experiment on its own page: also the exploratory comparisons within each segment. */
export interface ExperimentDetail extends ExperimentSummary {
  readonly bySegment: readonly SegmentView[]
}

const UUID = /^[0-9a-f-]{36}$/i

/**
 * Experiments newest first, each with its recovery results so far (no days to collect, so
 * no bootstrap: cheap enough for every experiment); `running` keeps only those still running.
 */
export async function listExperimentSummaries(
  ctx: ServiceContext,
  which: 'running' | 'all',
): Promise<ExperimentSummary[]> {
  const rows = await listExperiments(ctx.db, ctx.workspace)
  const kept = which === 'running' ? rows.filter((row) => row.state === 'running') : rows
  const summaries: ExperimentSummary[] = []
  // One at a time: the editor's embedded database serves a single connection.
  for (const row of kept) {
    summaries.push(await summarise(ctx, row, await experimentOverview(ctx, row.id)))
  }
  return summaries
}

/** One experiment with all its results, segments included, or null when no experiment has this id. */
export async function experimentSummary(
  ctx: ServiceContext,
  id: string,
): Promise<ExperimentDetail | null> {
  if (!UUID.test(id)) return null
  const found = await findExperiment(ctx.db, ctx.workspace, id)
  if (!found) return null
  const results = await experimentResults(ctx, found.experiment.id)
  return {
    ...(await summarise(ctx, found.experiment, results)),
    bySegment: Object.entries(results.bySegment).map(([segment, analysis]) => ({
      segment,
      cases: analysis.arms.reduce((sum, arm) => sum + arm.cases, 0),
      comparisons: analysis.comparisons.map((c) => ({
        arm: c.arm,
        control: c.control,
        difference: c.recovery.difference,
        interval: c.recovery.interval,
        casesPerArmNeeded: analysis.casesPerArmNeeded,
      })),
    })),
  }
}

async function summarise(
  ctx: ServiceContext,
  row: ExperimentRow,
  results: ExperimentOverview,
): Promise<ExperimentSummary> {
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
  const comparisons = comparisonViews(results.analysis)
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
    casesPerArmNeeded: results.analysis.casesPerArmNeeded,
    intervalLevel: `${Number((results.analysis.confidence * 100).toFixed(1))}%`,
    arms,
    comparisons,
    leadingArm: leadingArm(comparisons),
  }
}

/** Each arm's version, share of new customers and figures, control first. */
function armViews(results: ExperimentOverview, numbers: ReadonlyMap<string, number>): ArmView[] {
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
function comparisonViews(analysis: ExperimentAnalysis): ComparisonView[] {
  return analysis.comparisons.map((c): ComparisonView => {
    const verdict = verdictOf({
      verdict: c.verdict,
      difference: c.recovery.difference,
      interval: c.recovery.interval,
      casesPerArmNeeded: analysis.casesPerArmNeeded,
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
