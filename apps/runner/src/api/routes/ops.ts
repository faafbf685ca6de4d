import type { FastifyPluginAsync } from 'fastify'
import {
  countActionsByStatus,
  countCasesByState,
  readinessProblem,
  type ServiceContext,
} from '@dun/service'
import { metrics, registry } from '../../ops/metrics.js'

/** Health (process up), readiness (database reachable, schema current), metrics, API docs. */
export function opsRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (app) => {
    const open = { config: { scope: 'public' as const }, schema: { hide: true } }

    app.get('/healthz', open, async () => ({ status: 'ok' }))

    app.get('/readyz', open, async (_request, reply) => {
      const problem = await readinessProblem(ctx)
      if (problem) return reply.code(503).send({ status: 'unavailable', problem })
      return { status: 'ready' }
    })

    app.get('/metrics', open, async (_request, reply) => {
      await refreshGauges(ctx)
      return reply.type(registry.contentType).send(await registry.metrics())
    })

    app.get('/openapi.json', open, async () => app.swagger())
  }
}

/** The gauges are read from the database on each scrape, so every replica reports the same truth. */
async function refreshGauges(ctx: ServiceContext): Promise<void> {
  const [cases, actions] = await Promise.all([countCasesByState(ctx), countActionsByStatus(ctx)])
  metrics.casesByState.reset()
  for (const [state, count] of Object.entries(cases)) metrics.casesByState.set({ state }, count)
  metrics.actionsByStatus.reset()
  for (const { type, status, count } of actions)
    metrics.actionsByStatus.set({ type, status }, count)
}
