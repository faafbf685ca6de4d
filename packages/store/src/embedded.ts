import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { z } from 'zod'
import { servePglite } from './pglite-server.js'

/**
 * The embedded default: with no DATABASE_URL, the first Dun process opens PGlite (file
 * backed, under `.dun/`), serves it on a local port and records the URL in
 * `.dun/server.json`; every other Dun process connects to that URL. A second process never
 * opens the data directory (PGlite has no lock; two openers lose writes silently).
 */
export interface DatabaseHandle {
  readonly url: string
  /** `embedded-owner` when this process serves PGlite; `embedded-client` when another does. */
  readonly mode: 'external' | 'embedded-owner' | 'embedded-client'
  close(): Promise<void>
}

const serverFile = z.object({ url: z.string(), pid: z.number().int() })

export async function openDatabase(
  options: { readonly dir?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<DatabaseHandle> {
  const env = options.env ?? process.env
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, mode: 'external', close: async () => {} }
  const dir = options.dir ?? join(process.cwd(), '.dun')
  const running = runningServer(dir)
  if (running) return { url: running, mode: 'embedded-client', close: async () => {} }
  return serveEmbedded(dir)
}

function runningServer(dir: string): string | null {
  let text: string
  try {
    text = readFileSync(join(dir, 'server.json'), 'utf8')
  } catch {
    return null
  }
  const parsed = serverFile.safeParse(JSON.parse(text))
  if (!parsed.success || !isAlive(parsed.data.pid)) return null
  return parsed.data.url
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function serveEmbedded(dir: string): Promise<DatabaseHandle> {
  const dataDir = join(dir, 'pgdata')
  mkdirSync(dataDir, { recursive: true })
  const db = await PGlite.create({ dataDir })
  const server = await servePglite(db, 64)
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`
  const file = join(dir, 'server.json')
  writeFileSync(file, JSON.stringify({ url, pid: process.pid }, null, 2) + '\n')
  return {
    url,
    mode: 'embedded-owner',
    close: async () => {
      rmSync(file, { force: true })
      await server.stop()
      await db.close()
    },
  }
}
