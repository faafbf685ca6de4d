import type { Command } from 'commander'
import type { Actor } from '@dun/service'
import { CliError } from '../cli-error.js'

/** The CLI acts as an admin: whoever can reach the database operates it (the audit log says so). */
const OPERATOR: Actor = { username: 'cli', role: 'admin' }

/** `dun cases`: how many dunning cases are in each state. */
export function registerCases(program: Command): void {
  const cases = program
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
  cases
    .command('move')
    .description(
      "Move a policy's open cases onto its live version (they start under the version live when they open)",
    )
    .argument('<policy>', 'the policy name, as in policy "name" { … }')
    .action(async (name: string) => {
      const { cliErrorFrom, findPolicyByName, moveOpenCasesToLive, withService } =
        await import('../operator-services.js')
      const result = await withService(async ({ ctx }) => {
        const policy = await findPolicyByName(ctx.db, ctx.workspace, name)
        if (!policy)
          throw new CliError(`cases move: no policy named "${name}"; check \`dun publish\``)
        return moveOpenCasesToLive(ctx, OPERATOR, policy.id)
      }).catch((error: unknown) => {
        throw cliErrorFrom('cases move', error)
      })
      process.stdout.write(
        `Moved ${result.moved} open case(s) of ${result.customers} customer(s) to version ${result.versionId}; ` +
          'they follow it from their next evaluation.\n',
      )
    })
}
