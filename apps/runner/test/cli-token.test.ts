import { describe, expect, it } from 'vitest'
import { buildApp } from '../src/api/server.js'
import { main } from '../src/cli.js'
import { captureCli, operatorDatabase } from './cli-harness.js'

// `dun token add` against a database, through DATABASE_URL like an operator's shell; the
// token it prints then opens exactly its scopes of the API.
describe('dun token add', () => {
  const database = operatorDatabase()
  const cli = captureCli('token')

  it('prints a token once that opens its scopes of the API and no others', async () => {
    expect(await main(['user', 'add', 'cora', '--role', 'analyst'])).toBe(0)
    cli.clear()
    expect(
      await main(['token', 'add', 'collector', '--user', 'cora', '--scope', 'read,operate']),
    ).toBe(0)
    const secret = cli.stdout.match(/Token \(shown once, store it now\): (dun_\S+)\n/)?.[1]
    expect(cli.stdout).toContain('Issued token "collector" for cora (read, operate).')
    expect(secret).toBeDefined()

    const app = await buildApp({ db: database().db, workspace: 'default' })
    try {
      const get = (url: string) =>
        app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secret}` } })
      expect((await get('/v1/tasks')).statusCode).toBe(200)
      const post = await app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: { authorization: `Bearer ${secret}` },
        payload: { id: 'c1', currency: 'EUR' },
      })
      expect(post.statusCode).toBe(403)
    } finally {
      await app.close()
    }
    const stored = await database().db.selectFrom('api_tokens').selectAll().execute()
    expect(stored).toMatchObject([{ name: 'collector', scopes: ['read', 'operate'] }])
    expect(JSON.stringify(stored)).not.toContain(secret)
  })

  it('names an unknown scope, an unknown user, and refuses admin tokens for non-admins', async () => {
    expect(await main(['token', 'add', 'x', '--user', 'cora', '--scope', 'read,wrte'])).toBe(2)
    expect(cli.stderr).toContain('--scope wrte is not a scope; use one or more of ingest, read')
    expect(await main(['token', 'add', 'x', '--user', 'nobody', '--scope', 'read'])).toBe(2)
    expect(cli.stderr).toContain('no user named nobody; add one with `dun user add nobody')
    expect(await main(['token', 'add', 'x', '--user', 'cora', '--scope', 'admin'])).toBe(2)
    expect(cli.stderr).toContain('only admins can issue tokens with the admin scope')
    expect(await database().db.selectFrom('api_tokens').select('name').execute()).toEqual([
      { name: 'collector' },
    ])
  })
})
