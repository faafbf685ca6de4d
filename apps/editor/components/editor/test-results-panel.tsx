'use client'
import type { LineColumn, TestReport } from '@dun/dsl'

interface TestResultsPanelProps {
  readonly report: TestReport | null
  readonly onPick: (at: LineColumn) => void
}

/** The last run of the policy's `test` blocks: a line per test, its failures under it. */
export function TestResultsPanel({ report, onPick }: TestResultsPanelProps) {
  return (
    <section aria-labelledby="tests-heading" className="panel" data-testid="test-results">
      <h2 id="tests-heading">Tests</h2>
      <div role="status" aria-live="polite">
        {report === null ? (
          <p className="muted">Run the tests to see results here and beside each test.</p>
        ) : (
          <p className={report.failed > 0 ? 'fail' : 'pass'}>{summary(report)}</p>
        )}
      </div>
      {report && (
        <ul className="tests">
          {report.tests.map((test) => (
            <li key={`${test.line}:${test.name}`}>
              <button
                type="button"
                className={test.passed ? 'test pass' : 'test fail'}
                onClick={() => onPick({ line: test.line, column: 1 })}
              >
                <span aria-hidden="true">{test.passed ? '✓' : '✗'}</span>{' '}
                <span className="visually-hidden">{test.passed ? 'passed:' : 'failed:'}</span>
                {test.name}
              </button>
              {test.failures.length > 0 && (
                <ul className="failures">
                  {test.failures.map((f) => (
                    <li key={`${f.line}:${f.column}`}>
                      <button
                        type="button"
                        className="failure"
                        onClick={() => onPick({ line: f.line, column: f.column })}
                      >
                        line {f.line}, {f.when}: expected {f.expected}, but {f.actual}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function summary(report: TestReport): string {
  if (report.tests.length === 0) {
    return report.diagnostics.some((d) => d.severity === 'error')
      ? 'No test ran: fix the errors in the policy first (see Problems).'
      : 'This policy has no test blocks yet; add one with `test "name" { … }`.'
  }
  return `${report.passed} passed, ${report.failed} failed`
}
