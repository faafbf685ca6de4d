import { join } from 'node:path'
import { connect, DEFAULT_WORKSPACE, openDatabase, pendingMigrations } from '@dun/store'
import type { ServiceContext } from '@dun/service'

/**
 * The editor's one database connection, shared by every request of this server process.
 * It joins the embedded database the runner serves (the URL in `DUN_DATA_DIR/server.json`,
 * `.dun/` in the working directory by default) or `DATABASE_URL`, like every Dun process.
 * Kept on `globalThis` so `next dev` reloading this module does not open a second pool.
 */
const KEY = Symbol.for('dun.editor.serviceContext')
type Holder = { [KEY]?: Promise<ServiceContext> }

export function serviceContext(): Promise<ServiceContext> {
  const holder = globalThis as Holder
  holder[KEY] ??= open().catch((error: unknown) => {
    delete holder[KEY]
    throw error
  })
  return holder[KEY]
}

async function open(): Promise<ServiceContext> {
  const dir = process.env.DUN_DATA_DIR ?? join(process.cwd(), '.dun')
  const handle = await openDatabase({ dir })
  // The embedded PGlite is one Postgres session shared by every connection: interleaved
  // extended-protocol messages from two connections collide ("bind message supplies 1
  // parameters, but prepared statement requires 4"), so the editor keeps one connection.
  const max = handle.mode === 'external' ? Number(process.env.DUN_EDITOR_DB_POOL ?? 4) : 1
  const db = connect({ url: handle.url, max })
  const pending = await pendingMigrations(db)
  if (pending.length > 0) {
    await db.destroy()
    await handle.close()
    throw new Error(
      `the database at ${dir} has ${pending.length} migration(s) pending; ` +
        'start the runner first (`npm start`, or `npx dun migrate`)',
    )
  }
  return { db, workspace: process.env.DUN_WORKSPACE || DEFAULT_WORKSPACE }
}
