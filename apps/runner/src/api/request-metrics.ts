import type { FastifyInstance } from 'fastify'
import { metrics } from '../ops/metrics.js'

/** Every request's duration by route pattern (never the raw URL: ids would explode the labels). */
export function installRequestMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    )
  })
}
