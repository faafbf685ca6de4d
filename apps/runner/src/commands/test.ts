import type { Command } from 'commander'
import type { Diagnostic, TestReport, TestResult } from '@dun/dsl'
import { CliError } from '../cli-error.js'
import { describeDiagnostic, readPolicyFile } from '../policy-file.js'

interface TestOptions {
  readonly json?: boolean
  readonly run?: string
}

interface FileReport extends TestReport {
  readonly file: string
}

/**
 * `dun test FILES… [--json]`: runs the `test` blocks of each policy, like `opa test`: one
 * PASS/FAIL line per test with the difference for failures, then `N passed, N failed`.
 * Exit 1 when a test fails, a policy has errors, or no test ran at all.
 */
export function registerTest(program: Command): void {
  program
    .command('test')
    .description('Run the test blocks of .dun policies')
    .argument('<files...>', '.dun files whose tests to run')
    .option('--json', 'print the results as JSON')
    .option('--run <text>', 'run only the tests whose name contains this text')
    .action(async (files: string[], options: TestOptions) => {
      const { hasErrors, runTests } = await import('@dun/dsl')
      const sources = await Promise.all(files.map((file) => readPolicyFile('test', file)))
      const reports: FileReport[] = files.map((file, index) => ({
        file,
        ...runTests(
          sources[index] as string,
          options.run === undefined ? {} : { filter: options.run },
        ),
      }))
      const passed = sum(reports, (r) => r.passed)
      const failed = sum(reports, (r) => r.failed)
      const broken = reports.filter((r) => hasErrors(r.diagnostics)).length
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ files: reports, passed, failed }, null, 2)}\n`
          : text(reports, passed, failed, hasErrors),
      )
      if (passed + failed === 0 && broken === 0) {
        const which = options.run === undefined ? '' : ` named like "${options.run}"`
        throw new CliError(
          `test: no test ran: ${files.join(', ')} ha${files.length === 1 ? 's' : 've'} no test blocks${which}; add one such as \`test "…" { at day 1 expect email "reminder" }\``,
          1,
        )
      }
      if (failed > 0 || broken > 0) process.exitCode = 1
    })
}

function sum(reports: readonly FileReport[], count: (report: FileReport) => number): number {
  return reports.reduce((total, report) => total + count(report), 0)
}

function text(
  reports: readonly FileReport[],
  passed: number,
  failed: number,
  hasErrors: (diagnostics: readonly Diagnostic[]) => boolean,
): string {
  const lines: string[] = []
  for (const report of reports) {
    const errors = hasErrors(report.diagnostics)
    if (errors) {
      lines.push(`ERROR ${report.file}: the policy has errors, so its tests did not run`)
      lines.push(
        ...report.diagnostics
          .map((d) => describeDiagnostic(report.file, d))
          .join('')
          .trimEnd()
          .split('\n')
          .map((line) => `  ${line}`),
      )
    }
    for (const test of report.tests) lines.push(...testLines(report.file, test))
  }
  lines.push('', `${passed} passed, ${failed} failed`)
  return `${lines.join('\n')}\n`
}

function testLines(file: string, test: TestResult): string[] {
  const count = `(${test.expectations} expectation${test.expectations === 1 ? '' : 's'})`
  if (test.passed) return [`PASS ${file}: ${test.name} ${count}`]
  return [
    `FAIL ${file}:${test.line}: ${test.name} ${count}`,
    ...test.failures.map(
      (f) =>
        `  ${file}:${f.line}:${f.column}: at ${f.when}: expected ${f.expected}, got ${f.actual}`,
    ),
  ]
}
