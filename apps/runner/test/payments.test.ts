import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerFacts, DECLINE_CODES, invoiceFacts } from '@dun/engine'
import { verifySignature } from '../src/channels/signature.js'
import type { ChargeRequest } from '../src/payments/gateway.js'
import { httpGateway } from '../src/payments/http-gateway.js'
import { simulatedGateway } from '../src/payments/simulated-gateway.js'

const SECRET = 'payment-secret-0123456789'
const request = (
  invoiceId: string,
  key: string,
  methods: 'default' | 'backup' = 'default',
): ChargeRequest => ({
  invoice: invoiceFacts.parse({
    id: invoiceId,
    amount_due: 5000,
    balance: 5000,
    currency: 'USD',
    issued_at: '2026-01-01T00:00:00Z',
    due_at: '2026-01-15T00:00:00Z',
  }),
  customer: customerFacts.parse({ id: 'c1', currency: 'USD' }),
  amount: 5000,
  methods,
  idempotencyKey: key,
})

describe('simulated gateway', () => {
  it('answers the same attempt the same way, and differently across seeds', async () => {
    const gateway = simulatedGateway({ seed: 's1' })
    const first = await gateway.charge(request('inv-1', 'k1'))
    expect(await gateway.charge(request('inv-1', 'k1'))).toEqual(first)
    const outcomes = async (seed: string) =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          simulatedGateway({ seed }).charge(request(`inv-${i}`, 'k')),
        ),
      ).then((results) => results.map((r) => r.ok))
    expect(await outcomes('s1')).not.toEqual(await outcomes('s2'))
  })

  it('mixes successes with named soft and hard declines, classed like the engine', async () => {
    const gateway = simulatedGateway()
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => gateway.charge(request(`inv-${i}`, `k-${i}`))),
    )
    const ok = results.filter((r) => r.ok).length
    expect(ok / results.length).toBeGreaterThan(0.25)
    expect(ok / results.length).toBeLessThan(0.45)
    const declines = results.flatMap((r) => (r.ok ? [] : [r]))
    for (const d of declines) expect(DECLINE_CODES[d.declineCode]?.class).toBe(d.declineClass)
    expect(new Set(declines.map((d) => d.declineClass))).toEqual(new Set(['soft', 'hard']))
  })

  it('succeeds more often on backup methods', async () => {
    const gateway = simulatedGateway()
    const rate = async (methods: 'default' | 'backup') => {
      const results = await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          gateway.charge(request(`inv-${i}`, `k-${i}`, methods)),
        ),
      )
      return results.filter((r) => r.ok).length
    }
    expect(await rate('backup')).toBeGreaterThan(await rate('default'))
  })
})

describe('HTTP gateway', () => {
  let server: Server
  let url = ''
  let reply: unknown = {}
  let lastKey: string | undefined

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        lastKey = req.headers['idempotency-key'] as string
        const check = verifySignature({
          secret: SECRET,
          header: req.headers['dun-signature'] as string,
          body,
        })
        res.writeHead(check.ok ? 200 : 401, { 'content-type': 'application/json' })
        res.end(JSON.stringify(check.ok ? reply : check))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/charge`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('charges with the idempotency key and reads approvals and declines', async () => {
    const gateway = httpGateway({ url, secret: SECRET })
    reply = { ok: true, charge_id: 'ch_1' }
    expect(await gateway.charge(request('inv-1', 'case/retry/1'))).toEqual({
      ok: true,
      chargeId: 'ch_1',
    })
    expect(lastKey).toBe('case/retry/1')
    reply = { ok: false, decline_code: 'Expired Card' }
    expect(await gateway.charge(request('inv-1', 'case/retry/2'))).toEqual({
      ok: false,
      chargeId: null,
      declineCode: 'expired_card',
      declineClass: 'hard',
    })
  })

  it('rejects an answer it cannot read, retryably', async () => {
    reply = { status: 'approved' }
    await expect(
      httpGateway({ url, secret: SECRET }).charge(request('inv-1', 'k')),
    ).rejects.toMatchObject({
      permanent: false,
      message: expect.stringMatching(/answered an unexpected body/),
    })
  })
})
