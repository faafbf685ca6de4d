import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { ServiceError, type ServiceErrorCode } from '@dun/service'

/** The one error body every route answers with. */
export interface ErrorBody {
  readonly error: {
    readonly code: string
    readonly message: string
    readonly field?: string
    readonly hint?: string
  }
}

/** An HTTP failure that is not a use case's (a missing token, an unknown route). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { readonly field?: string; readonly hint?: string } = {},
  ) {
    super(message)
  }
}

const STATUS: Record<ServiceErrorCode, number> = {
  invalid_input: 400,
  invalid_policy: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
}

/** Every failure becomes `{ error: { code, message, field?, hint? } }` with its 4xx (or a 500). */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(
      body('not_found', `no route ${request.method} ${request.url.split('?')[0]}`, {
        hint: 'see /openapi.json for the routes this API offers',
      }),
    )
  })
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const [status, answer] = describe(error)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    if (status === 401) void reply.header('www-authenticate', 'Bearer')
    void reply.code(status).send(answer)
  })
}

function describe(error: FastifyError): [number, ErrorBody] {
  if (error instanceof ServiceError) {
    const { field, hint, diagnostics } = error.details
    const first = diagnostics?.find((d) => d.severity === 'error')
    const where = first ? `line ${first.range.line}, column ${first.range.column}` : undefined
    return [
      STATUS[error.code],
      body(error.code, error.message, { field, hint: hint ?? (where && `see ${where}`) }),
    ]
  }
  if (error instanceof ApiError)
    return [error.status, body(error.code, error.message, error.details)]
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0]!
    const keys = (issue.params as { keys?: string[] }).keys
    const path = issue.instancePath.split('/').filter(Boolean)
    const field = fieldName(
      error.validationContext ?? 'body',
      keys?.[0] ? [...path, keys[0]] : path,
    )
    const message = keys ? `unknown field (${keys.join(', ')})` : issue.message
    return [
      400,
      body('invalid_input', `${field}: ${message}`, {
        field,
        hint: keys ? 'remove it; see /openapi.json for the accepted fields' : undefined,
      }),
    ]
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return [
      415,
      body('unsupported_media_type', error.message, {
        hint: 'send Content-Type: application/json',
      }),
    ]
  }
  if (
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  ) {
    const what = error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'empty' : 'not valid JSON'
    return [
      400,
      body('malformed_json', `body: the request body is ${what}`, {
        field: 'body',
        hint: 'send one JSON document; check quotes, commas and brackets',
      }),
    ]
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return [error.statusCode, body('bad_request', error.message)]
  }
  return [
    500,
    body('internal', 'the server failed to handle this request; the runner log has the details'),
  ]
}

/** `body.invoices[3].due_at` from the parts of a JSON pointer. */
function fieldName(root: string, path: readonly string[]): string {
  return path.reduce(
    (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : `${name}.${part}`),
    root,
  )
}

function body(
  code: string,
  message: string,
  details: { field?: string; hint?: string } = {},
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(details.field === undefined ? {} : { field: details.field }),
      ...(details.hint === undefined ? {} : { hint: details.hint }),
    },
  }
}
