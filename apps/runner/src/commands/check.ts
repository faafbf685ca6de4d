import type { Command } from 'commander'
import type { Diagnostic } from '@dun/dsl'
import { readPolicyFile } from '../policy-file.js'

interface CheckOptions {
  readonly json?: boolean
}

interface CheckedFile {
  readonly file: string
  readonly text: string
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * `dun check FILES… [--json]`: every diagnostic of every file, compiler-style
 * (`file:line:col: error DUN123 message`) with the line, a caret under the range and the
 * hint; or as JSON. Exit 1 when any file has an error. All files are read before anything
 * is printed, so a missing one fails alone (exit 2).
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Check .dun policies: syntax, facts, types, money, segments, steps, limits, tests')
    .argument('<files...>', 'the .dun files to check')
    .option('--json', 'print the diagnostics as JSON')
    .action(async (files: string[], options: CheckOptions) => {
      const { check } = await import('@dun/dsl')
      const texts = await Promise.all(files.map((file) => readPolicyFile('check', file)))
      const checked = files.map((file, i) => {
        const text = texts[i]!
        return { file, text, diagnostics: check(text).diagnostics }
      })
      process.stdout.write(options.json ? asJson(checked) : asText(checked))
      const failed = checked.some((c) => c.diagnostics.some((d) => d.severity === 'error'))
      process.exitCode = failed ? 1 : 0
    })
}

function asJson(checked: readonly CheckedFile[]): string {
  const all = checked.flatMap(({ file, diagnostics }) => diagnostics.map((d) => ({ file, ...d })))
  return `${JSON.stringify(all, null, 2)}\n`
}

function asText(checked: readonly CheckedFile[]): string {
  const blocks = checked.flatMap(({ file, text, diagnostics }) => {
    const lines = text.split(/\r?\n/)
    return diagnostics.map((d) => describe(file, lines, d))
  })
  return blocks.join('') + summary(checked)
}

/** The diagnostic's first line, its source line with a caret under the range, and the hint. */
function describe(file: string, lines: readonly string[], diagnostic: Diagnostic): string {
  const { line, column, endLine, endColumn } = diagnostic.range
  const source = lines[line - 1] ?? ''
  const width = endLine === line ? Math.max(1, endColumn - column) : source.length - column + 1
  const gutter = String(line).padStart(4)
  const caret = `${' '.repeat(gutter.length)} | ${' '.repeat(column - 1)}${'^'.repeat(Math.max(1, width))}`
  const hint = diagnostic.hint ? `  hint: ${diagnostic.hint}\n` : ''
  return (
    `${file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}\n` +
    `${gutter} | ${source}\n${caret}\n${hint}`
  )
}

function summary(checked: readonly CheckedFile[]): string {
  const all = checked.flatMap((c) => c.diagnostics)
  const count = (severity: Diagnostic['severity']): number =>
    all.filter((d) => d.severity === severity).length
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  const files = plural(checked.length, 'file')
  if (all.length === 0) return `${files} checked: no problems\n`
  return `${files} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}\n`
}
