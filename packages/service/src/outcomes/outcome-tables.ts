import type { OutcomeDimension } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { COLLECT_DIMENSIONS, collectTimes, type CollectDimension } from './collect-times.js'
import type { CollectTime } from './collect-times.js'
import { toCsv } from './csv.js'
import { dsoOverTime, type DsoPoint } from './dso.js'
import { ratio } from './ratio.js'
import { recoveryFunnel, type VersionFunnel } from './funnel.js'
import { recoveryCurves, type RecoveryCurve } from './recovery-curves.js'
import { RECOVERY_DIMENSIONS, recoveryReport, type RecoveryDimension } from './recovery-report.js'
import type { RecoveryFigure } from './recovery-report.js'
import { attributionReport, OUTCOME_DIMENSIONS, type AttributionFigure } from './report.js'

/** Every outcome table that can be exported, named as its CSV file is. */
export type OutcomeTable =
  | { readonly kind: 'attribution'; readonly by: OutcomeDimension }
  | { readonly kind: 'collect-times'; readonly by: CollectDimension }
  | { readonly kind: 'recovery'; readonly by: RecoveryDimension }
  | { readonly kind: 'funnel' }
  | { readonly kind: 'curves' }
  | { readonly kind: 'dso' }

export function outcomeTableName(table: OutcomeTable): string {
  switch (table.kind) {
    case 'attribution':
    case 'collect-times':
    case 'recovery':
      return `${table.kind}-by-${table.by}`
    case 'funnel':
    case 'curves':
    case 'dso':
      return table.kind
  }
}

/** Every table's name: what an export URL may ask for. */
export const OUTCOME_TABLE_NAMES: readonly string[] = [
  ...OUTCOME_DIMENSIONS.map((by) => outcomeTableName({ kind: 'attribution', by })),
  ...COLLECT_DIMENSIONS.map((by) => outcomeTableName({ kind: 'collect-times', by })),
  ...RECOVERY_DIMENSIONS.map((by) => outcomeTableName({ kind: 'recovery', by })),
  'funnel',
  'curves',
  'dso',
]

/** The table a name stands for, or null for a name that is none. */
export function parseOutcomeTableName(name: string): OutcomeTable | null {
  if (name === 'funnel' || name === 'curves' || name === 'dso') return { kind: name }
  const [kind, by] = name.split('-by-')
  const among = <T extends string>(list: readonly T[]) => list.find((d) => d === by)
  const attribution = among(OUTCOME_DIMENSIONS)
  const collect = among(COLLECT_DIMENSIONS)
  const recovery = among(RECOVERY_DIMENSIONS)
  if (kind === 'attribution' && attribution) return { kind, by: attribution }
  if (kind === 'collect-times' && collect) return { kind, by: collect }
  if (kind === 'recovery' && recovery) return { kind, by: recovery }
  return null
}

export function attributionCsv(by: OutcomeDimension, figures: readonly AttributionFigure[]) {
  return toCsv(
    ['model', 'label', by, 'currency', 'payments', 'amount_minor_units'],
    figures.map((f) => [f.model, f.label, f.key, f.currency, f.payments, f.amount]),
  )
}

/** By step and channel, a `model` column says whose credit the payments are. */
export function collectTimesCsv(by: CollectDimension, times: readonly CollectTime[]) {
  const credited = by === 'step' || by === 'channel'
  return toCsv(
    [
      by === 'version' ? 'policy_version_id' : by,
      ...(credited ? ['model'] : []),
      'currency',
      'day',
      'payments',
      'median_days',
      'p90_days',
    ],
    times.flatMap((t) =>
      t.distribution.map((d) => [
        t.key,
        ...(credited ? [t.model ?? ''] : []),
        t.currency,
        d.day,
        d.payments,
        t.medianDays,
        t.p90Days,
      ]),
    ),
  )
}

export function recoveryCsv(by: RecoveryDimension, figures: readonly RecoveryFigure[]) {
  return toCsv(
    [
      by,
      'currency',
      'cases',
      'recovered_cases',
      'rate_by_count',
      'amount_due',
      'recovered_amount',
      'rate_by_amount',
      'closed_cases',
      'messages_sent',
      'messages_per_unit_recovered',
      'cancellations',
      'write_offs',
      'churn_rate',
    ],
    figures.map((f) => [
      f.key,
      f.currency,
      f.cases,
      f.recoveredCases,
      f.rateByCount,
      f.amountDue,
      f.recoveredAmount,
      f.rateByAmount,
      f.closedCases,
      f.messagesSent,
      f.messagesPerUnitRecovered ?? '',
      f.cancellations,
      f.writeOffs,
      f.churnRate,
    ]),
  )
}

/** One line per version, currency and step; the step `(closed cases)` is the funnel's top. */
export function funnelCsv(funnels: readonly VersionFunnel[]) {
  return toCsv(
    [
      'policy_version_id',
      'currency',
      'step',
      'mean_day_reached',
      'cases',
      'recovered_after',
      'recovered_after_rate',
      'amount_recovered_after',
    ],
    funnels.flatMap((f) => [
      [
        f.policyVersionId,
        f.currency,
        '(closed cases)',
        '',
        f.closedCases,
        f.recoveredCases,
        ratio(f.recoveredCases, f.closedCases),
        f.recoveredAmount,
      ],
      ...f.steps.map((s) => [
        f.policyVersionId,
        f.currency,
        s.stepId,
        s.meanDayReached,
        s.casesReached,
        s.recoveredAfter,
        s.recoveredAfterRate,
        s.amountRecoveredAfter,
      ]),
    ]),
  )
}

export function curvesCsv(curves: readonly RecoveryCurve[]) {
  return toCsv(
    [
      'policy_version_id',
      'currency',
      'cases',
      'day',
      'recovered_cases',
      'cases_at_risk',
      'cumulative_share',
    ],
    curves.flatMap((c) =>
      c.points.map((p) => [
        c.policyVersionId,
        c.currency,
        c.cases,
        p.day,
        p.recoveredCases,
        p.casesAtRisk,
        p.share,
      ]),
    ),
  )
}

export function dsoCsv(points: readonly DsoPoint[]) {
  return toCsv(
    ['month', 'policy_version_id', 'currency', 'payments', 'amount', 'dso_days'],
    points.map((p) => [p.month, p.policyVersionId, p.currency, p.payments, p.amount, p.dsoDays]),
  )
}

/** The table as CSV, read from the rollups as they stand (refresh first to bring them up). */
export async function outcomeCsv(ctx: ServiceContext, table: OutcomeTable): Promise<string> {
  switch (table.kind) {
    case 'attribution':
      return attributionCsv(table.by, await attributionReport(ctx, table.by))
    case 'collect-times':
      return collectTimesCsv(table.by, await collectTimes(ctx, table.by))
    case 'recovery':
      return recoveryCsv(table.by, await recoveryReport(ctx, table.by))
    case 'funnel':
      return funnelCsv(await recoveryFunnel(ctx))
    case 'curves':
      return curvesCsv(await recoveryCurves(ctx))
    case 'dso':
      return dsoCsv(await dsoOverTime(ctx))
  }
}
