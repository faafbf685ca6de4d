import { connect, openDatabase, pendingMigrations } from '@dun/store'
import { ServiceError, type ServiceContext } from '@dun/service'
import { CliError } from './cli-error.js'
import { runnerConfig } from './config.js'

export interface ServiceSession {
  readonly ctx: ServiceContext
  /** Where the database is: `DATABASE_URL`, or the embedded one (served here or by another process). */
  readonly mode: 'external' | 'embedded-owner' | 'embedded-client'
  close(): Promise<void>
}

/**
 * Opens the database the way every operator command does: `DATABASE_URL`, else the
 * embedded PGlite (served by `npm start` if it runs, else by this process until it closes).
 */
export async function openService(
  options: { readonly requireMigrated?: boolean; readonly pool?: number } = {},
): Promise<ServiceSession> {
  const config = runnerConfig()
  const handle = await openDatabase()
  const db = connect({ url: handle.url, max: options.pool ?? config.DUN_DB_POOL })
  const close = async () => {
    await db.destroy()
    await handle.close()
  }
  if (options.requireMigrated ?? true) {
    const pending = await pendingMigrations(db).catch(async (error: unknown) => {
      await close()
      throw new CliError(
        `cannot reach the database (${(error as Error).message}); check DATABASE_URL`,
      )
    })
    if (pending.length > 0) {
      await close()
      throw new CliError(
        `the database schema is not up to date (${pending.length} migration(s) pending); run \`dun migrate\` first`,
      )
    }
  }
  return { ctx: { db, workspace: config.DUN_WORKSPACE }, mode: handle.mode, close }
}

/** Runs `body` with a service context and always closes the database afterwards. */
export async function withService<T>(
  body: (session: ServiceSession) => Promise<T>,
  options?: { readonly requireMigrated?: boolean },
): Promise<T> {
  const session = await openService(options)
  try {
    return await body(session)
  } finally {
    await session.close()
  }
}

/** A use case's refusal as one CLI line: the message, then the hint. */
export function cliErrorFrom(command: string, error: unknown): unknown {
  if (!(error instanceof ServiceError)) return error
  const hint = error.details.hint ? `; ${error.details.hint}` : ''
  return new CliError(`${command}: ${error.message}${hint}`)
}
