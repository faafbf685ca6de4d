import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import type { ServiceContext } from '@dun/service'
import type { Logger } from '../ops/logger.js'
import { installErrorHandling } from './api-error.js'
import { installAuth } from './auth.js'
import { installRequestMetrics } from './request-metrics.js'
import { actionRoutes } from './routes/actions.js'
import { caseRoutes } from './routes/cases.js'
import { eventRoutes } from './routes/events.js'
import { experimentRoutes } from './routes/experiments.js'
import { ingestRoutes } from './routes/ingest.js'
import { messageRoutes } from './routes/messages.js'
import { opsRoutes } from './routes/ops.js'
import { outcomeRoutes } from './routes/outcomes.js'
import { policyRoutes } from './routes/policies.js'
import { taskRoutes } from './routes/tasks.js'

export interface AppOptions {
  /** pino logger for request logs; none in tests. */
  readonly logger?: Logger
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as the client sent it, before the route schema's defaults and transforms. */
    input: unknown
  }
}

/**
 * The HTTP API (`/v1/…`), health, readiness, metrics and the OpenAPI document, as a
 * Fastify instance that is not listening yet (tests use `inject`).
 */
export async function buildApp(
  ctx: ServiceContext,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's default logger type.
  const logger = options.logger as FastifyBaseLogger | undefined
  const app: FastifyInstance = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: 10 * 1024 * 1024,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorateRequest('input', null)
  // The use cases validate what the client sent themselves (the CLI and editor reach them too).
  app.addHook('preValidation', async (request) => {
    request.input = request.body
  })
  installErrorHandling(app)
  installAuth(app, ctx)
  installRequestMetrics(app)
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Dun runner API',
        description:
          'Dunning: customers, invoices, payment events, cases, actions, tasks, messages and policies.',
        version: '1',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  })
  for (const routes of [
    opsRoutes,
    ingestRoutes,
    eventRoutes,
    caseRoutes,
    policyRoutes,
    actionRoutes,
    taskRoutes,
    messageRoutes,
    outcomeRoutes,
    experimentRoutes,
  ]) {
    await app.register(routes(ctx))
  }
  await app.ready()
  return app
}

export interface HttpServer {
  readonly url: string
  close(): Promise<void>
}

/** Starts the API on `host:port` (0 = any free port) and returns its URL. */
export async function startHttpServer(options: {
  readonly ctx: ServiceContext
  readonly port: number
  readonly host: string
  readonly logger: Logger
}): Promise<HttpServer> {
  const app = await buildApp(options.ctx, { logger: options.logger })
  const address = await app.listen({ port: options.port, host: options.host })
  return { url: address, close: () => app.close() }
}
