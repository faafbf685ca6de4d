import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { describeDiagnostic, readPolicyFile } from '../policy-file.js'

interface CompileOptions {
  readonly output?: string
}

/**
 * `dun compile FILE [-o out.json]`: the compiled policy (json-rules-engine rules and the
 * plan) as JSON on stdout or in a file. Warnings go to stderr; with an error nothing is
 * written and the exit code is 1.
 */
export function registerCompile(program: Command): void {
  program
    .command('compile')
    .description('Compile a .dun policy to the engine format (json-rules-engine rules + plan)')
    .argument('<file>', 'the .dun policy to compile')
    .option('-o, --output <file>', 'write the JSON to this file instead of stdout')
    .action(async (file: string, options: CompileOptions) => {
      const { compile, hasErrors } = await import('@dun/dsl')
      const result = compile(await readPolicyFile('compile', file))
      process.stderr.write(result.diagnostics.map((d) => describeDiagnostic(file, d)).join(''))
      if (!result.compiled || hasErrors(result.diagnostics)) {
        process.exitCode = 1
        return
      }
      const json = `${JSON.stringify(result.compiled, null, 2)}\n`
      if (options.output === undefined) process.stdout.write(json)
      else await writeOutput(options.output, json)
    })
}

async function writeOutput(target: string, json: string): Promise<void> {
  try {
    await writeFile(target, json)
  } catch (error) {
    throw new CliError(
      `compile: cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check that its folder exists`,
    )
  }
}
