import { prepare, type FastPolicy } from '@dun/engine'
import type { TestBlock } from '../ast.js'
import { checkAndCompile } from '../compile.js'
import { applyGivens } from './givens.js'
import { GivenError } from './given-values.js'
import { observe } from './observe.js'
import { checkOutcome } from './outcomes.js'
import type { ExpectationFailure, TestReport, TestResult } from './report.js'
import { expectationWindow } from './windows.js'

export interface RunTestsOptions {
  /** Run only the tests whose name contains this text. */
  readonly filter?: string
}

/**
 * Runs the `test` blocks of a policy file through the engine (LANGUAGE.md, "Tests"): each
 * test's facts are the defaults with its `given`s applied, its case is replayed on a virtual
 * clock, and every `at … expect` outcome is checked against what happened in its window.
 * A policy with errors runs no test; its diagnostics are in the report.
 */
export function runTests(text: string, options: RunTestsOptions = {}): TestReport {
  const { ast, compiled, diagnostics } = checkAndCompile(text)
  if (!compiled) return { diagnostics, tests: [], passed: 0, failed: 0 }
  const policy = prepare(compiled)
  const currency = compiled.policy.currencies[0] ?? 'USD'
  const tests = ast.tests
    .filter(
      (test) => options.filter === undefined || (test.name?.value ?? '').includes(options.filter),
    )
    .map((test) => runTest(test, policy, currency))
  const passed = tests.filter((t) => t.passed).length
  return { diagnostics, tests, passed, failed: tests.length - passed }
}

function runTest(test: TestBlock, policy: FastPolicy, currency: string): TestResult {
  const base = { name: test.name?.value ?? '(unnamed test)', line: test.range.line }
  const expectations = test.expectations.reduce((n, e) => n + e.outcomes.length, 0)
  let failures: ExpectationFailure[]
  try {
    failures = checkExpectations(test, policy, currency)
  } catch (error) {
    if (!(error instanceof GivenError)) throw error
    failures = [
      {
        line: error.range.line,
        column: error.range.column,
        when: 'given',
        expected: 'facts the test can set',
        actual: error.message,
      },
    ]
  }
  return { ...base, passed: failures.length === 0, expectations, failures }
}

function checkExpectations(
  test: TestBlock,
  policy: FastPolicy,
  currency: string,
): ExpectationFailure[] {
  const facts = applyGivens(test.givens, currency)
  const calendar = { zone: facts.customer.timezone, dueAt: facts.cases[0]!.invoice.due_at }
  const windows = test.expectations.map((e) => expectationWindow(e, calendar))
  if (windows.length === 0) return []
  const observations = observe(policy, facts, windows)
  return test.expectations.flatMap((expectation, index) =>
    expectation.outcomes.flatMap((outcome) => {
      const check = checkOutcome(outcome, observations[index]!)
      if (check.passed) return []
      const { line, column } = outcome.range
      return [
        {
          line,
          column,
          when: windows[index]!.label,
          expected: check.expected,
          actual: check.actual,
        },
      ]
    }),
  )
}
