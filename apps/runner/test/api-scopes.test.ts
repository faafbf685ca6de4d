import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeOnDatabases } from '@dun/store/testing'
import type { TokenScope } from '@dun/store'
import { openApi, type ApiHarness } from './api-fixtures.js'

type Method = 'GET' | 'POST'

/** Every route of the API and the scope it needs; a route missing here fails the first test. */
const ROUTES: readonly (readonly [Method, string, TokenScope])[] = [
  ['POST', '/v1/customers', 'ingest'],
  ['POST', '/v1/customers/batch', 'ingest'],
  ['POST', '/v1/invoices', 'ingest'],
  ['POST', '/v1/invoices/batch', 'ingest'],
  ['POST', '/v1/events', 'ingest'],
  ['GET', '/v1/customers/{id}/cases', 'read'],
  ['GET', '/v1/customers/{id}/notices', 'read'],
  ['GET', '/v1/cases/{id}/timeline', 'read'],
  ['GET', '/v1/actions', 'read'],
  ['GET', '/v1/tasks', 'read'],
  ['GET', '/v1/outbox', 'read'],
  ['POST', '/v1/actions/{id}/cancel', 'operate'],
  ['POST', '/v1/actions/{id}/retry', 'operate'],
  ['POST', '/v1/tasks/{id}/complete', 'operate'],
  ['POST', '/v1/policies/versions', 'publish'],
  ['POST', '/v1/policies/versions/{id}/publish', 'publish'],
  ['POST', '/v1/policies/versions/{id}/approve', 'publish'],
  ['POST', '/v1/policies/{id}/move-open-cases', 'publish'],
  ['GET', '/v1/experiments', 'read'],
  ['GET', '/v1/experiments/{id}', 'read'],
  ['GET', '/v1/response-model/fitted', 'read'],
  ['POST', '/v1/experiments', 'publish'],
  ['POST', '/v1/experiments/{id}/stop', 'publish'],
  ['POST', '/v1/experiments/{id}/promote', 'publish'],
  ['GET', '/v1/outcomes/attribution', 'read'],
  ['GET', '/v1/outcomes/collect-times', 'read'],
  ['GET', '/v1/outcomes/recovery', 'read'],
  ['GET', '/v1/outcomes/dso', 'read'],
  ['GET', '/v1/outcomes/funnel', 'read'],
  ['GET', '/v1/outcomes/curves', 'read'],
]
const SCOPES: readonly TokenScope[] = ['ingest', 'read', 'publish', 'operate', 'admin']
const MALFORMED_ID = 'not-an-id'

describeOnDatabases('runner_api_scopes', (db) => {
  let api: ApiHarness
  beforeAll(async () => {
    api = await openApi(db(), '2026-01-20T12:00:00Z')
  })
  afterAll(async () => {
    await api?.app.close()
  })
  const call = (method: Method, path: string, token?: TokenScope) =>
    api.call(method, path.replace('{id}', MALFORMED_ID), {
      token,
      ...(method === 'POST' ? { body: {} } : {}),
    })

  it('documents exactly the routes of this table in /openapi.json', async () => {
    const paths = (await api.call('GET', '/openapi.json')).json().paths as Record<
      string,
      Record<string, unknown>
    >
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(documented.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort())
  })

  it('answers 401 without a token and 403 with a token lacking the scope, on every route', async () => {
    for (const [method, path, scope] of ROUTES) {
      const anonymous = await call(method, path)
      expect([path, anonymous.statusCode]).toEqual([path, 401])
      for (const other of SCOPES.filter((s) => s !== scope && s !== 'admin')) {
        const refused = await call(method, path, other)
        expect([path, other, refused.statusCode]).toEqual([path, other, 403])
        expect(refused.json().error.hint).toContain(`${scope} scope`)
      }
    }
  })

  it('lets the scope and admin through to the route, which names what is wrong as a 4xx', async () => {
    for (const [method, path, scope] of ROUTES) {
      for (const token of [scope, 'admin'] as const) {
        const response = await call(method, path, token)
        // An empty body or a malformed id: a client error naming the field or the id, never a 500.
        expect([path, token, response.statusCode < 500]).toEqual([path, token, true])
        if (response.statusCode >= 400) {
          const { error } = response.json()
          expect([path, error.code]).not.toEqual([path, 'forbidden'])
          expect(error.field ?? error.message).toBeTruthy()
        }
      }
    }
  })
})
