import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  attributionReport,
  catchUpOutcomes,
  COLLECT_DIMENSIONS,
  collectTimes,
  dsoOverTime,
  figuresAsOf,
  MODEL_LABELS,
  OUTCOME_DIMENSIONS,
  outcomeCsv,
  outcomeTableName,
  RECOVERY_DIMENSIONS,
  recoveryCurves,
  recoveryFunnel,
  recoveryReport,
  type OutcomeTable,
  type ServiceContext,
} from '@dun/service'

const format = z.enum(['json', 'csv']).default('json').describe('`csv` answers text/csv')
const attributionQuery = z
  .object({
    by: z.enum(OUTCOME_DIMENSIONS).describe('What the credited recoveries are grouped by'),
    format,
  })
  .strict()
const collectQuery = z
  .object({
    by: z
      .enum(COLLECT_DIMENSIONS)
      .default('version')
      .describe('What the payments are grouped by; by step and channel, per attribution model'),
    format,
  })
  .strict()
const formatQuery = z.object({ format }).strict()
const recoveryQuery = z
  .object({
    by: z.enum(RECOVERY_DIMENSIONS).describe('What the cases are grouped by'),
    format,
  })
  .strict()

/**
 * One outcomes answer: catches up a little first (one small batch per stage, none while the
 * runner's timer holds the job: a read never waits behind a long catch-up), then the table
 * as CSV, named as the editor's export names it, or the JSON with the figures' `asOf` time
 * (when they were last brought fully up to date; null before any run).
 */
async function answer<T extends object>(
  ctx: ServiceContext,
  reply: FastifyReply,
  format: 'json' | 'csv',
  table: OutcomeTable,
  json: () => Promise<T>,
) {
  await catchUpOutcomes(ctx)
  if (format === 'json') return { ...(await json()), asOf: await figuresAsOf(ctx) }
  const name = outcomeTableName(table)
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(await outcomeCsv(ctx, table))
}

/** Outcome figures, read from the rollups the outcomes job keeps; the CSV of each is the editor's export too. */
export function outcomeRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const config = { scope: 'read' as const }
    const tags = ['outcomes']
    app.get(
      '/v1/outcomes/attribution',
      {
        config,
        schema: {
          tags,
          summary:
            'Recovered payments and amounts credited by version, segment, step, channel or template: last-touch and position-based side by side, per currency',
          querystring: attributionQuery,
        },
      },
      async ({ query: { by, format } }, reply) =>
        answer(ctx, reply, format, { kind: 'attribution', by }, async () => ({
          by,
          models: MODEL_LABELS,
          figures: await attributionReport(ctx, by),
        })),
    )
    app.get(
      '/v1/outcomes/collect-times',
      {
        config,
        schema: {
          tags,
          summary:
            'Days from case opening to payment per policy version, segment, step or channel and currency: median, p90 and the distribution by day; by step and channel, the payments each attribution model credits to it',
          querystring: collectQuery,
        },
      },
      async ({ query: { by, format } }, reply) =>
        answer(ctx, reply, format, { kind: 'collect-times', by }, async () => ({
          by,
          times: await collectTimes(ctx, by),
        })),
    )
    app.get(
      '/v1/outcomes/recovery',
      {
        config,
        schema: {
          tags,
          summary:
            'Per policy version, segment or cohort (month of first failure), per currency: recovery rate by count and by amount; for closed cases, messages sent per unit recovered and involuntary churn (cancellations, write-offs)',
          querystring: recoveryQuery,
        },
      },
      async ({ query: { by, format } }, reply) =>
        answer(ctx, reply, format, { kind: 'recovery', by }, async () => ({
          by,
          figures: await recoveryReport(ctx, by),
        })),
    )
    app.get(
      '/v1/outcomes/funnel',
      {
        config,
        schema: {
          tags,
          summary:
            'The recovery funnel by step, per policy version and currency, over closed cases: cases that reached each step (a sent action) and how many, and how much, they recovered after it',
          querystring: formatQuery,
        },
      },
      async ({ query: { format } }, reply) =>
        answer(ctx, reply, format, { kind: 'funnel' }, async () => ({
          funnels: await recoveryFunnel(ctx),
        })),
    )
    app.get(
      '/v1/outcomes/curves',
      {
        config,
        schema: {
          tags,
          summary:
            'Time-to-collect curves per policy version and currency: the share of its cases first paid by each day since opening, a Kaplan-Meier estimate over the cases open that long',
          querystring: formatQuery,
        },
      },
      async ({ query: { format } }, reply) =>
        answer(ctx, reply, format, { kind: 'curves' }, async () => ({
          curves: await recoveryCurves(ctx),
        })),
    )
    app.get(
      '/v1/outcomes/dso',
      {
        config,
        schema: {
          tags,
          summary:
            'Dunning DSO over time: per month of payment, version and currency, the amount-weighted days from case opening to payment',
          querystring: formatQuery,
        },
      },
      async ({ query: { format } }, reply) =>
        answer(ctx, reply, format, { kind: 'dso' }, async () => ({
          points: await dsoOverTime(ctx),
        })),
    )
  }
}
