import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { servePglite } from '../src/pglite-server.js'

/**
 * Several `pg` connections share PGlite's one session (npm start: the runner and the editor).
 * Their parameterised queries — extended-protocol batches — must never interleave, also when
 * some connections run transactions (the stock server then hands the session to the
 * transaction's owner in the middle of another connection's batch).
 */
async function hammer(url: string): Promise<unknown[]> {
  const clients = Array.from({ length: 4 }, () => new pg.Client({ connectionString: url }))
  const failures: unknown[] = []
  // A stalled stock server is stopped under the clients: that is a failure, not a crash.
  for (const client of clients) client.on('error', (error) => failures.push(error.message))
  await Promise.all(clients.map((c) => c.connect()))
  await Promise.all(
    clients.map(async (client, n) => {
      for (let i = 0; i < 60; i++) {
        // Different parameter counts per connection: a Bind against another's Parse fails.
        const params = Array.from({ length: n + 1 }, (_, k) => i * 10 + k)
        const sql = `select ${params.map((_, k) => `$${k + 1}::int`).join(' + ')} as total`
        const inTransaction = n % 2 === 0
        try {
          if (inTransaction) await client.query('begin')
          const { rows } = await client.query<{ total: number }>(sql, params)
          if (inTransaction) await client.query('commit')
          const want = params.reduce((a, b) => a + b, 0)
          if (rows[0]?.total !== want) failures.push(`wrong total ${rows[0]?.total} for ${want}`)
        } catch (error) {
          failures.push((error as Error).message)
          if (inTransaction) await client.query('rollback').catch(() => undefined)
        }
      }
    }),
  )
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
  return failures
}

describe('PGlite served over a socket', () => {
  let pglite: PGlite
  beforeAll(async () => {
    pglite = await PGlite.create()
  }, 60_000)
  afterAll(async () => {
    await pglite.close()
  })

  it('keeps each connection’s extended-protocol batch whole', async () => {
    const server = await servePglite(pglite, 8)
    try {
      expect(await hammer(`postgres://postgres@${server.getServerConn()}/postgres`)).toEqual([])
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('(the stock server interleaves them: the reason for servePglite)', async () => {
    const server = new PGLiteSocketServer({
      db: pglite,
      host: '127.0.0.1',
      port: 0,
      maxConnections: 8,
    })
    await server.start()
    try {
      const failures = await Promise.race([
        hammer(`postgres://postgres@${server.getServerConn()}/postgres`),
        // The stock queue can also stall for good after a failure (pglite#1046).
        new Promise<unknown[]>((resolve) => setTimeout(() => resolve(['stalled']), 8_000)),
      ])
      // If this ever passes cleanly, upstream fixed the queue and servePglite can go.
      expect(failures.length).toBeGreaterThan(0)
    } finally {
      await server.stop()
    }
  }, 60_000)
})
