import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  attributionCsv,
  attributionReport,
  COLLECT_DIMENSIONS,
  collectTimes,
  collectTimesCsv,
  curvesCsv,
  dsoCsv,
  dsoOverTime,
  funnelCsv,
  MODEL_LABELS,
  OUTCOME_DIMENSIONS,
  RECOVERY_DIMENSIONS,
  recoveryCsv,
  recoveryCurves,
  recoveryFunnel,
  recoveryReport,
  refreshOutcomes,
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

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(csv)
}

/**
 * Outcome figures, read from the rollups. Each request first lets the incremental
 * attribution job catch up (only payments received since its watermark), so figures are
 * current without rescanning the ledger. The CSV of each is the editor's export too.
 */
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
      async (request, reply) => {
        const { by } = request.query
        await refreshOutcomes(ctx)
        const figures = await attributionReport(ctx, by)
        if (request.query.format === 'json') return { by, models: MODEL_LABELS, figures }
        return sendCsv(reply, `attribution-by-${by}`, attributionCsv(by, figures))
      },
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
      async (request, reply) => {
        const { by } = request.query
        await refreshOutcomes(ctx)
        const times = await collectTimes(ctx, by)
        if (request.query.format === 'json') return { by, times }
        const name = by === 'version' ? 'collect-times' : `collect-times-by-${by}`
        return sendCsv(reply, name, collectTimesCsv(by, times))
      },
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
      async (request, reply) => {
        const { by } = request.query
        await refreshOutcomes(ctx)
        const figures = await recoveryReport(ctx, by)
        if (request.query.format === 'json') return { by, figures }
        return sendCsv(reply, `recovery-by-${by}`, recoveryCsv(by, figures))
      },
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
      async (request, reply) => {
        await refreshOutcomes(ctx)
        const funnels = await recoveryFunnel(ctx)
        if (request.query.format === 'json') return { funnels }
        return sendCsv(reply, 'funnel', funnelCsv(funnels))
      },
    )
    app.get(
      '/v1/outcomes/curves',
      {
        config,
        schema: {
          tags,
          summary:
            'Time-to-collect curves per policy version and currency: the cumulative share of its cases first paid by each day since opening',
          querystring: formatQuery,
        },
      },
      async (request, reply) => {
        await refreshOutcomes(ctx)
        const curves = await recoveryCurves(ctx)
        if (request.query.format === 'json') return { curves }
        return sendCsv(reply, 'curves', curvesCsv(curves))
      },
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
      async (request, reply) => {
        await refreshOutcomes(ctx)
        const points = await dsoOverTime(ctx)
        if (request.query.format === 'json') return { points }
        return sendCsv(reply, 'dso', dsoCsv(points))
      },
    )
  }
}
