import {
  attributionReport,
  catchUpOutcomes,
  collectTimes,
  figuresAsOf,
  dsoOverTime,
  recoveryCurves,
  recoveryFunnel,
  recoveryReport,
  type AttributionFigure,
  type CollectTime,
  type DsoPoint,
  type RecoveryCurve,
  type RecoveryFigure,
  type ServiceContext,
  type VersionFunnel,
} from '@dun/service'
import { versionNames, type VersionNames } from './version-names'

/** Everything the Outcomes page shows, read from the rollups as the outcomes job left them. */
export interface OutcomeFigures {
  /** When the figures were last brought fully up to date (the read time before any run). */
  readonly readAt: string
  readonly versions: VersionNames
  readonly funnels: readonly VersionFunnel[]
  readonly channels: readonly AttributionFigure[]
  readonly curves: readonly RecoveryCurve[]
  readonly recovery: {
    readonly version: readonly RecoveryFigure[]
    readonly segment: readonly RecoveryFigure[]
    readonly cohort: readonly RecoveryFigure[]
  }
  readonly dso: readonly DsoPoint[]
  readonly collect: {
    readonly segment: readonly CollectTime[]
    readonly step: readonly CollectTime[]
    readonly channel: readonly CollectTime[]
  }
}

/**
 * Catches up a little (one small batch per stage, none while the runner's job holds its
 * lock: the page never waits behind a long catch-up), then reads each figure. One query
 * after the other: the embedded database serves one at a time.
 */
export async function readOutcomeFigures(ctx: ServiceContext): Promise<OutcomeFigures> {
  await catchUpOutcomes(ctx)
  const readAt = (await figuresAsOf(ctx)) ?? new Date().toISOString()
  return {
    readAt,
    versions: await versionNames(ctx),
    funnels: await recoveryFunnel(ctx),
    channels: await attributionReport(ctx, 'channel'),
    curves: await recoveryCurves(ctx),
    recovery: {
      version: await recoveryReport(ctx, 'version'),
      segment: await recoveryReport(ctx, 'segment'),
      cohort: await recoveryReport(ctx, 'cohort'),
    },
    dso: await dsoOverTime(ctx),
    collect: {
      segment: await collectTimes(ctx, 'segment'),
      step: await collectTimes(ctx, 'step'),
      channel: await collectTimes(ctx, 'channel'),
    },
  }
}
