import { Command, CommanderError } from 'commander'
import { registerCommands } from './commands/index.js'
import { CliError } from './cli-error.js'

/**
 * Runs the `dun` command with the given arguments and returns the exit code.
 * Analyst commands (check, fmt, compile, test, simulate) load no database code.
 * Every failure a user can cause ends in one clear line, never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('dun')
    .description('Dunning policies as code: check, format, compile, test and simulate them.')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .showSuggestionAfterError(true)
  registerCommands(program)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2
    }
    if (error instanceof CliError) {
      process.stderr.write(`dun: ${error.message}\n`)
      return error.exitCode
    }
    throw error
  }
}
