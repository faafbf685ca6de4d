import type { Command } from 'commander'
import type { TokenScope } from '@dun/store'
import { CliError } from '../cli-error.js'

const SCOPES = [
  'ingest',
  'read',
  'publish',
  'operate',
  'admin',
] as const satisfies readonly TokenScope[]

/** `dun token add NAME --user USER --scope read,operate`: an API token, printed once. */
export function registerToken(program: Command): void {
  const token = program.command('token').description('Manage API tokens')
  token
    .command('add')
    .description('Issue an API token for a user (the secret is printed once)')
    .argument('<name>', 'what the token is for, e.g. "billing sync"')
    .requiredOption('--user <username>', 'the user the token acts as')
    .requiredOption('--scope <scopes>', `comma-separated: ${SCOPES.join(', ')}`)
    .action(async (name: string, options: { readonly user: string; readonly scope: string }) => {
      const { cliErrorFrom, issueTokenForUser, withService } =
        await import('../operator-services.js')
      const scopes = parseScopes(options.scope)
      const issued = await withService(({ ctx }) =>
        issueTokenForUser(ctx, options.user, name, scopes),
      ).catch((error: unknown) => {
        throw cliErrorFrom('token add', error)
      })
      process.stdout.write(
        `Issued token "${name}" for ${options.user} (${scopes.join(', ')}).\n` +
          `Token (shown once, store it now): ${issued.secret}\n`,
      )
    })
}

function parseScopes(text: string): TokenScope[] {
  const scopes = text.split(',').map((s) => s.trim())
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s))
  if (unknown.length > 0 || scopes.length === 0) {
    throw new CliError(
      `token add: --scope ${unknown.join(',') || text} is not a scope; use one or more of ${SCOPES.join(', ')}, comma-separated`,
    )
  }
  return [...new Set(scopes)] as TokenScope[]
}
