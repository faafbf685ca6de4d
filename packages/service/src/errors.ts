import type { Diagnostic } from '@dun/dsl'

export type ServiceErrorCode =
  'invalid_input' | 'invalid_policy' | 'not_found' | 'forbidden' | 'conflict' | 'unauthenticated'

/**
 * A failure of a use case that the caller can act on. The HTTP API maps `code` to a status;
 * the CLI prints `message` (and `hint`); `field` names the input that is wrong.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details: {
      readonly field?: string
      readonly hint?: string
      readonly diagnostics?: readonly Diagnostic[]
    } = {},
  ) {
    super(message)
  }
}
