import { randomBytes } from 'node:crypto'
import { text } from 'node:stream/consumers'
import type { Command } from 'commander'
import type { Actor } from '@dun/service'
import { CliError } from '../cli-error.js'

const ROLES = ['analyst', 'approver', 'admin'] as const

/** Whoever can reach the database operates it: the CLI acts as an admin, and the audit log says so. */
const OPERATOR: Actor = { username: 'cli', role: 'admin' }

/** `dun user add NAME --role R [--password-stdin]`: a password is generated and printed once otherwise. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage users')
  user
    .command('add')
    .description('Add a user (password from stdin, or generated and printed once)')
    .argument('<name>', 'the username')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (
        name: string,
        options: { readonly role: string; readonly passwordStdin?: boolean },
      ) => {
        if (!(ROLES as readonly string[]).includes(options.role)) {
          throw new CliError(
            `user add: --role ${options.role} is not a role; use one of ${ROLES.join(', ')}`,
          )
        }
        const given = options.passwordStdin
          ? (await text(process.stdin)).replace(/\r?\n$/, '')
          : null
        const password = given ?? randomBytes(18).toString('base64url')
        const { addUser, cliErrorFrom, withService } = await import('../operator-services.js')
        const created = await withService(({ ctx }) =>
          addUser(ctx, OPERATOR, {
            username: name,
            password,
            role: options.role as (typeof ROLES)[number],
          }),
        ).catch((error: unknown) => {
          throw cliErrorFrom('user add', error)
        })
        process.stdout.write(`Added ${created.username} (${created.role}).\n`)
        if (given === null) {
          process.stdout.write(`Password (shown once, store it now): ${password}\n`)
        }
      },
    )
}
