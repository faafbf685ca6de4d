import type { Diagnostic } from '@dun/dsl'

/** One error body for every editor route, like the runner's API: code, message, hint. */
export interface ErrorBody {
  readonly error: {
    readonly code: string
    readonly message: string
    readonly field?: string
    readonly hint?: string
    readonly diagnostics?: readonly Diagnostic[]
  }
}

export function jsonError(
  status: number,
  code: string,
  message: string,
  details: Omit<ErrorBody['error'], 'code' | 'message'> = {},
): Response {
  const body: ErrorBody = { error: { code, message, ...details } }
  return Response.json(body, { status })
}
