import { afterAll, beforeAll, describe } from 'vitest'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { connect } from './connection.js'
import { servePglite } from './pglite-server.js'
import type { Database } from './database.js'
import { migrateToLatest } from './migrate.js'

/**
 * Databases for tests (of this package and the ones above it): a fresh, migrated database
 * on the machine's PostgreSQL — one per test file, so files run in parallel — or an
 * in-memory PGlite served over a socket, the way `npm start` serves the embedded one.
 * Imported by test files only (it imports vitest).
 */
export const TEST_POSTGRES_URL =
  process.env.DUN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  readonly url: string
  readonly db: Kysely<Database>
  close(): Promise<void>
}

/** Null when PostgreSQL answers; otherwise why not. */
export async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 2000,
  })
  try {
    await client.connect()
    await client.end()
    return null
  } catch (error) {
    return (error as Error).message
  }
}

export async function freshPostgres(name: string, pool = 4): Promise<TestDatabase> {
  const database = `dun_test_${name.replace(/\W/g, '_').toLowerCase()}`
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${database} with (force)`)
  await admin.query(`create database ${database}`)
  await admin.end()
  const url = new URL(TEST_POSTGRES_URL)
  url.pathname = `/${database}`
  const db = connect({ url: url.toString(), max: pool })
  await migrateToLatest(db)
  return { url: url.toString(), db, close: () => db.destroy() }
}

export async function freshPglite(pool = 4): Promise<TestDatabase> {
  const pglite = await PGlite.create()
  const server = await servePglite(pglite, pool * 2)
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`
  const db = connect({ url, max: pool })
  await migrateToLatest(db)
  return {
    url,
    db,
    close: async () => {
      await db.destroy()
      await server.stop()
      await pglite.close()
    },
  }
}

/**
 * Declares the same tests on PostgreSQL and on PGlite. With CI=true a missing PostgreSQL
 * fails the run; elsewhere its half is skipped, and the run says so.
 */
const problem = await postgresProblem()
if (problem) {
  const message = `PostgreSQL at ${TEST_POSTGRES_URL} is not reachable (${problem})`
  if (process.env.CI) throw new Error(`${message}: CI needs it; start it with pg_ctlcluster.`)
  console.warn(`SKIPPED the PostgreSQL half of these tests: ${message}.`)
}

export function describeOnDatabases(
  name: string,
  body: (db: () => Kysely<Database>) => void,
): void {
  const kinds = [
    { label: 'PostgreSQL', open: () => freshPostgres(name), skip: problem !== null },
    { label: 'PGlite', open: () => freshPglite(), skip: false },
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

/**
 * For tests that need the machine's PostgreSQL itself (several processes on one server):
 * null when it answers; with CI=true a missing server fails the run, elsewhere the caller
 * skips and this says plainly what was skipped and why.
 */
export async function postgresFor(what: string): Promise<string | null> {
  const reason = await postgresProblem()
  if (reason === null) return null
  const message = `PostgreSQL at ${TEST_POSTGRES_URL} is not reachable (${reason})`
  if (process.env.CI)
    throw new Error(`${message}: CI needs it for ${what}; start it with pg_ctlcluster.`)
  console.warn(`SKIPPED ${what}: ${message}.`)
  return reason
}
