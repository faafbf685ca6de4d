import { Option, type Command } from 'commander'
import { CliError } from '../cli-error.js'
import type { RunnerOptions, TickOptions } from '../runner-process.js'

/**
 * `dun runner`: the long-running service (migrations, scheduler, delivery workers, HTTP
 * API with metrics), draining on SIGTERM/SIGINT. `dun runner tick --now TIME`: one
 * scheduler pass and one delivery pass at that instant, for cron and for tests.
 */
export function registerRunner(program: Command): void {
  // `--no-delivery` after `tick` belongs to `tick`, not to `runner`; commander needs
  // positional options from the root down (`dun` itself has no options to lose).
  program.enablePositionalOptions()
  const runner = program
    .command('runner')
    .enablePositionalOptions()
    .description('Run the scheduler, delivery workers and HTTP API until SIGTERM')
    .option('--no-api', 'do not serve the HTTP API')
    .option('--no-delivery', 'do not run delivery workers (another replica delivers)')
    .action(async (options: RunnerOptions) =>
      (await import('../runner-process.js')).runService(options),
    )
  runner
    .command('tick')
    .description('Run one scheduler pass and one delivery pass at an instant, then exit')
    .requiredOption('--now <time>', 'the instant, ISO 8601 with an offset (2026-03-02T09:00:00Z)')
    .addOption(
      new Option('--batch-size <n>', 'customers claimed per transaction').argParser(positive),
    )
    .option('--no-delivery', 'decide only; leave the ledger for the delivery workers')
    .option('--json', 'print the summary as JSON')
    .action(async (options: TickOptions) => (await import('../runner-process.js')).runTick(options))
}

function positive(text: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) {
    throw new CliError(
      `--batch-size: "${text}" is not a positive whole number; e.g. --batch-size 200`,
    )
  }
  return n
}
