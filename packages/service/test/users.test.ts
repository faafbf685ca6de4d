import { beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeOnDatabases } from '@dun/store/testing'
import {
  addUser,
  authenticateToken,
  ensureFirstAdmin,
  issueToken,
  signIn,
  type ServiceContext,
} from '../src/index.js'

describeOnDatabases('service_users', (db) => {
  const ctx = (): ServiceContext => ({ db: db(), workspace: 'default' })

  beforeEach(async () => {
    await sql`truncate users, api_tokens, audit_log cascade`.execute(db())
  })

  it('creates the first admin once, with a generated password when none is given', async () => {
    const first = await ensureFirstAdmin(ctx(), undefined)
    expect(first).toMatchObject({ created: true, username: 'admin' })
    const password = first.created ? first.generatedPassword : null
    expect(password).toMatch(/^[\w-]{16}$/)
    expect(await ensureFirstAdmin(ctx(), 'another-password')).toEqual({ created: false })
    expect(await signIn(ctx(), 'admin', password!)).toMatchObject({
      username: 'admin',
      role: 'admin',
    })
  })

  it('refuses wrong passwords, weak passwords, duplicates and non-admin callers', async () => {
    await ensureFirstAdmin(ctx(), 'correct horse battery')
    const admin = await signIn(ctx(), 'admin', 'correct horse battery')
    await expect(signIn(ctx(), 'admin', 'wrong password!')).rejects.toMatchObject({
      code: 'unauthenticated',
    })
    await expect(
      addUser(ctx(), admin, { username: 'ana', password: 'short', role: 'analyst' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: { field: 'password' },
    })
    await addUser(ctx(), admin, { username: 'ana', password: 'a long enough one', role: 'analyst' })
    await expect(
      addUser(ctx(), admin, { username: 'ana', password: 'a long enough one', role: 'analyst' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    })
    const ana = await signIn(ctx(), 'ana', 'a long enough one')
    await expect(
      addUser(ctx(), ana, { username: 'eve', password: 'a long enough one', role: 'admin' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    })
  })

  it('stores tokens hashed and resolves them to their user and scopes', async () => {
    await ensureFirstAdmin(ctx(), 'correct horse battery')
    const admin = await signIn(ctx(), 'admin', 'correct horse battery')
    const { secret } = await issueToken(ctx(), admin, 'billing sync', ['ingest', 'read'])
    const stored = await db()
      .selectFrom('api_tokens')
      .select('token_hash')
      .executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(secret)
    expect(await authenticateToken(ctx(), secret)).toEqual({
      actor: { username: 'admin', role: 'admin' },
      scopes: ['ingest', 'read'],
    })
    await expect(authenticateToken(ctx(), secret + 'x')).rejects.toMatchObject({
      code: 'unauthenticated',
    })
  })
})
