import type { Diagnostic } from '../diagnostic.js'

/** The result of running every `test` block of one file. */
export interface TestReport {
  /** Problems with the policy itself; when one is an error, no test ran. */
  readonly diagnostics: readonly Diagnostic[]
  readonly tests: readonly TestResult[]
  readonly passed: number
  readonly failed: number
}

export interface TestResult {
  readonly name: string
  /** 1-based line of the `test` keyword. */
  readonly line: number
  readonly passed: boolean
  /** How many outcomes (`email "x"`, `no retry payment`, `paused`, …) the test checked. */
  readonly expectations: number
  readonly failures: readonly ExpectationFailure[]
}

/** One outcome that did not hold: what the test expected, and what happened instead. */
export interface ExpectationFailure {
  readonly line: number
  readonly column: number
  /** Where in time it was checked, as written: `day 3`, `hour 4`, `day 3 at 10:00`. */
  readonly when: string
  readonly expected: string
  readonly actual: string
}
