import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { caseTimeline, explainCase, listCustomerCases, type ServiceContext } from '@dun/service'
import { atQuery, idParams } from '../schemas.js'

/** A customer's cases, and one case's timeline: events in, actions decided, and why. */
export function caseRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const config = { scope: 'read' as const }
    app.get(
      '/v1/customers/:id/cases',
      {
        config,
        schema: {
          tags: ['cases'],
          summary: "A customer's dunning cases, newest first",
          params: idParams,
        },
      },
      async (request) => ({ cases: await listCustomerCases(ctx, request.params.id) }),
    )
    app.get(
      '/v1/cases/:id/timeline',
      {
        config,
        schema: {
          tags: ['cases'],
          summary:
            "A case: its events and ledger actions in time order, and the engine's decision and trace at an instant",
          params: idParams,
          querystring: atQuery,
        },
      },
      async (request) => {
        const timeline = await caseTimeline(ctx, request.params.id)
        const at = request.query.at ? new Date(request.query.at) : (ctx.now?.() ?? new Date())
        return { ...timeline, evaluation: await explainCase(ctx, timeline.case, at) }
      },
    )
  }
}
