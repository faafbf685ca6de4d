import type { ServiceError, ServiceErrorCode } from '@dun/service'
import { jsonError } from './json-error'

const STATUS: Record<ServiceErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_policy: 422,
}

/** A use case's refusal as the editor's error body, with the status the runner's API uses. */
export function serviceErrorResponse(error: ServiceError): Response {
  return jsonError(STATUS[error.code], error.code, error.message, error.details)
}
