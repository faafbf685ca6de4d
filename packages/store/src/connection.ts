import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'

// bigint (money in minor units, counts) as JavaScript numbers: safe up to 2^53, far above
// any invoice; timestamptz stays a Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text))

export interface ConnectOptions {
  readonly url: string
  /** Pool size; with the embedded database keep the sum of all pools below its `maxConnections`. */
  readonly max?: number
}

/** A kysely handle over a `pg` pool. Close it with `db.destroy()`. */
export function connect({ url, max = 10 }: ConnectOptions): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
