import type { TestReport } from '@dun/dsl'
import type * as Monaco from 'monaco-editor/editor/editor.api.js'

/** Owner of the markers that failed test expectations leave on their lines. */
export const TEST_OWNER = 'dun-tests'

/** A ✓ or ✗ in the gutter of each test's first line, with the result on hover. */
export function testDecorations(report: TestReport): Monaco.editor.IModelDeltaDecoration[] {
  return report.tests.map((test) => ({
    range: { startLineNumber: test.line, startColumn: 1, endLineNumber: test.line, endColumn: 1 },
    options: {
      isWholeLine: true,
      className: test.passed ? 'dun-test-line-pass' : 'dun-test-line-fail',
      glyphMarginClassName: test.passed ? 'dun-test-glyph-pass' : 'dun-test-glyph-fail',
      glyphMarginHoverMessage: {
        value: test.passed
          ? `Test passed: ${test.name} (${test.expectations} expectations)`
          : `Test failed: ${test.name} (${test.failures.length} of ${test.expectations} expectations)`,
      },
    },
  }))
}

/**
 * Each failed expectation as an error marker from where it is written to the end of its
 * line: what the test expected, then what happened.
 */
export function failureMarkers(
  monaco: typeof Monaco,
  report: TestReport,
  lineEnd: (line: number) => number,
): Monaco.editor.IMarkerData[] {
  return report.tests.flatMap((test) =>
    test.failures.map((failure) => ({
      startLineNumber: failure.line,
      startColumn: failure.column,
      endLineNumber: failure.line,
      endColumn: lineEnd(failure.line),
      severity: monaco.MarkerSeverity.Error,
      message: `Test "${test.name}" failed ${failure.when}: expected ${failure.expected}, but ${failure.actual}`,
      code: 'TEST',
      source: TEST_OWNER,
    })),
  )
}
