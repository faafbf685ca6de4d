import type { Command } from 'commander'

/** `dun cases`: how many dunning cases are in each state. */
export function registerCases(program: Command): void {
  program
    .command('cases')
    .description('Count dunning cases by state')
    .option('--json', 'print the counts as JSON')
    .action(async (options: { readonly json?: boolean }) => {
      const { countCasesByState, withService } = await import('../operator-services.js')
      const counts = await withService(({ ctx }) => countCasesByState(ctx))
      if (options.json) {
        process.stdout.write(`${JSON.stringify(counts)}\n`)
        return
      }
      const rows = Object.entries(counts)
      if (rows.length === 0) {
        process.stdout.write('No dunning cases yet.\n')
        return
      }
      const width = Math.max(5, ...rows.map(([state]) => state.length))
      const total = rows.reduce((sum, [, n]) => sum + n, 0)
      const lines = [...rows, ['total', total] as const].map(
        ([state, n]) => `${state.padEnd(width)}  ${String(n).padStart(8)}`,
      )
      process.stdout.write(`${lines.join('\n')}\n`)
    })
}
