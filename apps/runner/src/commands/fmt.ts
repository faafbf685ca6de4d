import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { describeDiagnostic, readPolicyFile } from '../policy-file.js'

interface FmtOptions {
  readonly write?: boolean
  readonly check?: boolean
}

/**
 * `dun fmt FILES… [--write | --check]`: prints the canonical layout of each file, rewrites
 * the files (--write), or lists those not in canonical layout (--check, exit 1 if any).
 * A file with syntax errors is never formatted: its diagnostics are printed and the exit
 * code is 1.
 */
export function registerFmt(program: Command): void {
  program
    .command('fmt')
    .description('Print .dun files in the canonical layout, or check or rewrite them')
    .argument('<files...>', '.dun files to format')
    .option('--write', 'rewrite the files in place')
    .option('--check', 'list the files that are not formatted and exit 1 if any')
    .action(async (files: string[], options: FmtOptions) => {
      const { format } = await import('@dun/dsl')
      if (options.write && options.check) {
        throw new CliError('fmt: --write and --check exclude each other; use one of them')
      }
      // Read every file first: a missing file stops the command before anything is written.
      const sources = await Promise.all(files.map((file) => readPolicyFile('fmt', file)))
      let failed = false
      for (const [index, file] of files.entries()) {
        const source = sources[index] as string
        const result = format(source)
        if (result.text === null) {
          process.stderr.write(result.diagnostics.map((d) => describeDiagnostic(file, d)).join(''))
          failed = true
        } else if (options.check) {
          if (result.text !== source) {
            process.stdout.write(`${file}\n`)
            failed = true
          }
        } else if (options.write) {
          if (result.text !== source) await writeFile(file, result.text)
        } else {
          process.stdout.write(result.text)
        }
      }
      if (failed) process.exitCode = 1
    })
}
