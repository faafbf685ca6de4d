import type { FastifyInstance, FastifyRequest } from 'fastify'
import { authenticateToken, type Actor, type ServiceContext } from '@dun/service'
import type { TokenScope } from '@dun/store'
import { ApiError } from './api-error.js'

/** What a route needs from the caller's token; `public` routes need none (health, docs). */
export type RouteScope = TokenScope | 'public'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares its scope; a route without one is refused at start-up. */
    scope?: RouteScope
  }
  interface FastifyRequest {
    actor: Actor | null
  }
}

/**
 * Bearer tokens with scopes: 401 without a token or with an unknown or revoked one, 403
 * when the token lacks the route's scope. The admin scope includes every other.
 */
export function installAuth(app: FastifyInstance, ctx: ServiceContext): void {
  app.decorateRequest('actor', null)
  app.addHook('onRoute', (route) => {
    if (route.config?.scope === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no scope`)
    }
  })
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope
    if (scope === undefined || scope === 'public') return
    const { actor, scopes } = await authenticateToken(ctx, bearer(request))
    if (!scopes.includes(scope) && !scopes.includes('admin')) {
      throw new ApiError(403, 'forbidden', `this token lacks the "${scope}" scope`, {
        hint: `issue a token with the ${scope} scope for ${request.method} ${request.routeOptions.url}`,
      })
    }
    request.actor = actor
  })
}

/** The caller's identity on a route that requires a scope (set by the onRequest hook). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error(`no actor on ${request.url}: the route declares no scope`)
  return request.actor
}

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  if (!match) {
    throw new ApiError(401, 'unauthenticated', 'this route needs an API token', {
      hint: 'send the header Authorization: Bearer <token>',
    })
  }
  return match[1]!
}
