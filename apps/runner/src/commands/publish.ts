import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import type { ServiceSession } from '../open-service.js'
import { describeDiagnostic, readPolicyFile } from '../policy-file.js'

interface PublishOptions {
  readonly comment: string
  readonly as: string
}

/**
 * `dun publish FILE`: validates, compiles and stores a new version, then publishes it —
 * or, with four-eyes on, requests approval. Prints the version id and its state.
 */
export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description('Validate, compile, store and publish a policy version (or request approval)')
    .argument('<file>', 'the .dun policy to publish')
    .option('--comment <text>', 'why this version (kept with it and in the audit log)', '')
    .option('--as <user>', 'the user publishing it (the author, for four-eyes)', 'admin')
    .action(async (file: string, options: PublishOptions) => {
      const { cliErrorFrom, ServiceError, withService } = await import('../operator-services.js')
      const source = await readPolicyFile('publish', file)
      const result = await withService((session) => publish(session, source, options)).catch(
        (error: unknown) => {
          if (error instanceof ServiceError && error.details.diagnostics) {
            process.stderr.write(
              error.details.diagnostics.map((d) => describeDiagnostic(file, d)).join(''),
            )
            throw new CliError(`publish: ${file} has errors; nothing was stored`, 1)
          }
          throw cliErrorFrom('publish', error)
        },
      )
      const what =
        result.state === 'published'
          ? 'published: new cases start under it'
          : 'waiting for approval by another approver (four-eyes is on)'
      process.stdout.write(`Version ${result.number} (${result.versionId}) of ${file}: ${what}\n`)
    })
}

async function publish({ ctx }: ServiceSession, source: string, options: PublishOptions) {
  const { findUserByName, requestPublish, saveVersion } = await import('../operator-services.js')
  const user = await findUserByName(ctx.db, ctx.workspace, options.as)
  if (!user) {
    throw new CliError(
      `publish: no user named ${options.as}; add one with \`dun user add ${options.as} --role approver\` or pass --as`,
    )
  }
  const actor = { username: user.username, role: user.role }
  const version = await saveVersion(ctx, actor, { source, comment: options.comment })
  if (version.state !== 'draft') {
    return { versionId: version.id, number: version.number, state: version.state }
  }
  const result = await requestPublish(ctx, actor, version.id, options.comment)
  return { ...result, number: version.number }
}
