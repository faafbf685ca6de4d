import type { Diagnostic } from '../diagnostic.js'
import type { SourceRange } from '../source-range.js'

/**
 * The code of the one diagnostic the compiler itself reports: a construct the validator
 * let through but the compiled format cannot express. Seeing it means a validator check
 * is missing, so the message says what to write instead.
 */
export const COMPILE_ERROR_CODE = 'DUN900'

/** Thrown from deep inside the compiler and turned into a diagnostic at its entry point. */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly range: SourceRange,
    readonly hint: string,
  ) {
    super(message)
  }

  toDiagnostic(): Diagnostic {
    return {
      code: COMPILE_ERROR_CODE,
      severity: 'error',
      message: this.message,
      hint: this.hint,
      range: this.range,
    }
  }
}
