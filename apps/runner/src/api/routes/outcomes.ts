import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  attributionReport,
  collectTimes,
  dsoOverTime,
  MODEL_LABELS,
  OUTCOME_DIMENSIONS,
  RECOVERY_DIMENSIONS,
  recoveryReport,
  refreshOutcomes,
  type ServiceContext,
} from '@dun/service'
import { toCsv } from './outcomes-csv.js'

const format = z.enum(['json', 'csv']).default('json').describe('`csv` answers text/csv')
const attributionQuery = z
  .object({
    by: z.enum(OUTCOME_DIMENSIONS).describe('What the credited recoveries are grouped by'),
    format,
  })
  .strict()
const collectQuery = z.object({ format }).strict()
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
 * current without rescanning the ledger.
 */
export function outcomeRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const config = { scope: 'read' as const }
    app.get(
      '/v1/outcomes/attribution',
      {
        config,
        schema: {
          tags: ['outcomes'],
          summary:
            'Recovered payments and amounts credited by version, segment, step, channel or template: last-touch and position-based side by side, per currency',
          querystring: attributionQuery,
        },
      },
      async (request, reply) => {
        await refreshOutcomes(ctx)
        const figures = await attributionReport(ctx, request.query.by)
        if (request.query.format === 'json')
          return { by: request.query.by, models: MODEL_LABELS, figures }
        return sendCsv(
          reply,
          `attribution-by-${request.query.by}`,
          toCsv(
            ['model', 'label', request.query.by, 'currency', 'payments', 'amount_minor_units'],
            figures.map((f) => [f.model, f.label, f.key, f.currency, f.payments, f.amount]),
          ),
        )
      },
    )
    app.get(
      '/v1/outcomes/collect-times',
      {
        config,
        schema: {
          tags: ['outcomes'],
          summary:
            'Days from case opening to payment per policy version and currency: median, p90 and the distribution by day',
          querystring: collectQuery,
        },
      },
      async (request, reply) => {
        await refreshOutcomes(ctx)
        const versions = await collectTimes(ctx)
        if (request.query.format === 'json') return { versions }
        return sendCsv(
          reply,
          'collect-times',
          toCsv(
            ['policy_version_id', 'currency', 'day', 'payments', 'median_days', 'p90_days'],
            versions.flatMap((v) =>
              v.distribution.map((d) => [
                v.policyVersionId,
                v.currency,
                d.day,
                d.payments,
                v.medianDays,
                v.p90Days,
              ]),
            ),
          ),
        )
      },
    )
    app.get(
      '/v1/outcomes/recovery',
      {
        config,
        schema: {
          tags: ['outcomes'],
          summary:
            'Per policy version, segment or cohort (month of first failure), per currency: recovery rate by count and by amount; for closed cases, messages sent per unit recovered and involuntary churn (cancellations, write-offs)',
          querystring: recoveryQuery,
        },
      },
      async (request, reply) => {
        await refreshOutcomes(ctx)
        const figures = await recoveryReport(ctx, request.query.by)
        if (request.query.format === 'json') return { by: request.query.by, figures }
        return sendCsv(
          reply,
          `recovery-by-${request.query.by}`,
          toCsv(
            [
              request.query.by,
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
          ),
        )
      },
    )
    app.get(
      '/v1/outcomes/dso',
      {
        config,
        schema: {
          tags: ['outcomes'],
          summary:
            'Dunning DSO over time: per month of payment, version and currency, the amount-weighted days from case opening to payment',
          querystring: collectQuery,
        },
      },
      async (request, reply) => {
        await refreshOutcomes(ctx)
        const points = await dsoOverTime(ctx)
        if (request.query.format === 'json') return { points }
        return sendCsv(
          reply,
          'dso',
          toCsv(
            ['month', 'policy_version_id', 'currency', 'payments', 'amount', 'dso_days'],
            points.map((p) => [
              p.month,
              p.policyVersionId,
              p.currency,
              p.payments,
              p.amount,
              p.dsoDays,
            ]),
          ),
        )
      },
    )
  }
}
