import { sql } from 'kysely'
import { pendingMigrations } from '@dun/store'
import type { ServiceContext } from '../context.js'

/** Null when the database answers and its schema is current; otherwise what is wrong. */
export async function readinessProblem(ctx: ServiceContext): Promise<string | null> {
  try {
    await sql`select 1`.execute(ctx.db)
  } catch (error) {
    return `the database is unreachable: ${(error as Error).message}`
  }
  const pending = await pendingMigrations(ctx.db)
  return pending.length > 0
    ? `${pending.length} migration(s) pending (${pending.join(', ')}); run \`dun migrate\``
    : null
}
