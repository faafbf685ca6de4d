import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  experimentResults,
  fitResponseModelFromLedger,
  promoteArm,
  startExperiment,
  stopExperiment,
  type ServiceContext,
} from '@dun/service'
import { listExperiments } from '@dun/store'
import { actorOf } from '../auth.js'
import { commentBody, idParams } from '../schemas.js'

const startBody = z
  .object({
    name: z.string().min(1).max(200),
    arms: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            version_id: z.string().min(1).max(200),
            weight: z.number().int().positive().default(1),
          })
          .strict(),
      )
      .min(2)
      .max(20),
    minimum_sample_per_arm: z.number().int().positive().default(500),
  })
  .strict()

const promoteBody = z
  .object({ arm: z.string().min(1).max(100), comment: z.string().max(2000).default('') })
  .strict()

/**
 * Experiments between published versions: started, stopped and promoted with the publish
 * scope (the service also checks the caller's role), read with the read scope. Promotion
 * goes through the one publishing rule.
 */
export function experimentRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const read = { scope: 'read' as const }
    const publish = { scope: 'publish' as const }
    const tags = ['experiments']
    app.get(
      '/v1/experiments',
      { config: read, schema: { tags, summary: 'Experiments, newest first' } },
      async () => ({ experiments: await listExperiments(ctx.db, ctx.workspace) }),
    )
    app.get(
      '/v1/experiments/:id',
      {
        config: read,
        schema: {
          tags,
          summary:
            'An experiment with its results: per arm recovery (Wilson intervals) and days to collect; each arm against the control with Newcombe intervals, a z-test, Mann-Whitney and a verdict once the minimum sample is reached',
          params: idParams,
        },
      },
      async (request) => experimentResults(ctx, request.params.id),
    )
    app.post(
      '/v1/experiments',
      {
        config: publish,
        schema: {
          tags,
          summary: 'Start an experiment between published versions',
          body: startBody,
        },
      },
      async (request, reply) => {
        const body = request.body
        const started = await startExperiment(ctx, actorOf(request), {
          name: body.name,
          arms: body.arms.map((arm) => ({
            name: arm.name,
            versionId: arm.version_id,
            weight: arm.weight,
          })),
          minimumSamplePerArm: body.minimum_sample_per_arm,
        })
        return reply.code(201).send(started)
      },
    )
    app.post(
      '/v1/experiments/:id/stop',
      {
        config: publish,
        schema: { tags, summary: 'Stop a running experiment', params: idParams, body: commentBody },
      },
      async (request) => {
        await stopExperiment(ctx, actorOf(request), request.params.id, request.body.comment)
        return { experiment_id: request.params.id, state: 'stopped' }
      },
    )
    app.post(
      '/v1/experiments/:id/promote',
      {
        config: publish,
        schema: {
          tags,
          summary:
            'Promote an arm: its version is published through the publishing rule (four-eyes applies)',
          params: idParams,
          body: promoteBody,
        },
      },
      async (request) => {
        const { arm, comment } = request.body
        const result = await promoteArm(ctx, actorOf(request), request.params.id, arm, comment)
        return {
          experiment_id: request.params.id,
          arm,
          version_id: result.versionId,
          state: result.state,
        }
      },
    )
    app.get(
      '/v1/response-model/fitted',
      {
        config: read,
        schema: {
          tags,
          summary:
            'The response model fitted from the ledger: per segment × channel × day the response probability with its support and standard error, the baselines, the fit quality, and the model the simulator uses',
        },
      },
      async () => fitResponseModelFromLedger(ctx),
    )
  }
}
