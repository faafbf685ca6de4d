import { afterAll, beforeAll, describe } from 'vitest'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { connect, migrateToLatest, type Database } from '../src/index.js'

/**
 * Store tests run twice: against the machine's PostgreSQL (a database of their own, so test
 * files run in parallel) and against embedded PGlite served over a socket, as `npm start`
 * runs it. With CI=true a missing PostgreSQL fails the run; elsewhere it is skipped, loudly.
 */
const ADMIN_URL = process.env.DUN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return null
  } catch (error) {
    return (error as Error).message
  }
}

const postgresProblem = await postgresReachable()
if (postgresProblem) {
  const message = `PostgreSQL at ${ADMIN_URL} is not reachable (${postgresProblem})`
  if (process.env.CI) throw new Error(`${message}: CI needs it; start it with pg_ctlcluster.`)
  console.warn(`SKIPPED the PostgreSQL half of the store tests: ${message}.`)
}

interface TestDatabase {
  readonly db: Kysely<Database>
  close(): Promise<void>
}

async function freshPostgres(name: string): Promise<TestDatabase> {
  const database = `dun_test_${name.replace(/\W/g, '_')}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${database} with (force)`)
  await admin.query(`create database ${database}`)
  await admin.end()
  const url = new URL(ADMIN_URL)
  url.pathname = `/${database}`
  const db = connect({ url: url.toString(), max: 4 })
  await migrateToLatest(db)
  return { db, close: () => db.destroy() }
}

async function freshPglite(): Promise<TestDatabase> {
  const pglite = await PGlite.create()
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: 8,
  })
  await server.start()
  const db = connect({
    url: `postgres://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    max: 4,
  })
  await migrateToLatest(db)
  return {
    db,
    close: async () => {
      await db.destroy()
      await server.stop()
      await pglite.close()
    },
  }
}

/** Declares the same tests on PostgreSQL and on PGlite. `name` must be unique per test file. */
export function describeOnDatabases(
  name: string,
  body: (db: () => Kysely<Database>) => void,
): void {
  const kinds = [
    { label: 'PostgreSQL', open: () => freshPostgres(name), skip: postgresProblem !== null },
    { label: 'PGlite', open: freshPglite, skip: false },
  ]
  for (const kind of kinds) {
    describe.skipIf(kind.skip)(kind.label, () => {
      let handle: TestDatabase | undefined
      beforeAll(async () => {
        handle = await kind.open()
      }, 60_000)
      afterAll(async () => {
        await handle?.close()
      })
      body(() => {
        if (!handle) throw new Error('database not open')
        return handle.db
      })
    })
  }
}
