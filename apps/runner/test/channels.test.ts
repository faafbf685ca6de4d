import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import { customerFacts } from '@dun/engine'
import type { ServiceContext } from '@dun/service'
import { httpMessageChannel } from '../src/channels/http-message.js'
import { letterChannel } from '../src/channels/letter.js'
import type { OutgoingMessage } from '../src/channels/message.js'
import { signatureHeader, verifySignature } from '../src/channels/signature.js'
import { messageIdFor, smtpEmailChannel } from '../src/channels/smtp-email.js'
import { readDeliveryEnv } from '../src/channels/config.js'

const SECRET = 'a-shared-secret-of-some-length'
// Channels that do not touch the database never read the context.
const noDb = { workspace: 'default', now: () => new Date('2026-02-01T10:00:00Z') } as ServiceContext

const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channel: 'email',
  idempotencyKey: 'case-1/final-notice/email',
  customer: customerFacts.parse({
    id: 'c1',
    currency: 'EUR',
    email: 'ada@example.com',
    phone: '+4930123456',
    postal_address: 'Ada Lovelace\nSt James Square 12\nLondon',
  }),
  invoiceIds: ['inv-1'],
  template: 'final-notice',
  content: {
    subject: 'Final notice',
    text: 'Please pay €12.00.',
    html: '<p>Please pay €12.00.</p>',
  },
  ...overrides,
})

describe('signatures', () => {
  const body = '{"a":1}'
  const at = Date.parse('2026-02-01T10:00:00Z')
  const header = signatureHeader(SECRET, body, at)

  it('verifies its own signature and rejects a tampered body, a wrong secret or an old timestamp', () => {
    expect(header).toMatch(/^t=1769940000,v1=[0-9a-f]{64}$/)
    expect(verifySignature({ secret: SECRET, header, body, nowMs: at + 1000 })).toEqual({
      ok: true,
    })
    expect(verifySignature({ secret: SECRET, header, body: '{"a":2}', nowMs: at })).toEqual({
      ok: false,
      reason: 'mismatch',
    })
    expect(
      verifySignature({ secret: 'another-secret-entirely', header, body, nowMs: at }),
    ).toMatchObject({ ok: false })
    expect(verifySignature({ secret: SECRET, header, body, nowMs: at + 301_000 })).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(verifySignature({ secret: SECRET, header: 'v1=zz', body, nowMs: at })).toEqual({
      ok: false,
      reason: 'malformed',
    })
  })
})

interface Received {
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

describe('signed HTTP channels', () => {
  let server: Server
  let url = ''
  const received: Received[] = []
  let answer = { status: 200, body: '{"id":"prov-1"}' }

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        // The receiver's side: a request whose signature does not verify is refused.
        const check = verifySignature({
          secret: SECRET,
          header: req.headers['dun-signature'] as string,
          body,
        })
        res.writeHead(check.ok ? answer.status : 401, { 'content-type': 'application/json' })
        res.end(check.ok ? answer.body : JSON.stringify(check))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('posts an SMS as signed JSON with the idempotency key, and keeps the provider id', async () => {
    answer = { status: 200, body: '{"id":"prov-1"}' }
    const receipt = await httpMessageChannel('sms', { url, secret: SECRET }).send(
      message({ channel: 'sms' }),
      noDb,
    )
    expect(receipt).toMatchObject({ providerId: 'prov-1', transport: 'sms' })
    const request = received.at(-1)!
    expect(request.headers['idempotency-key']).toBe('case-1/final-notice/email')
    expect(JSON.parse(request.body)).toMatchObject({
      type: 'message.sms',
      to: '+4930123456',
      text: 'Please pay €12.00.',
    })
    expect(
      verifySignature({
        secret: SECRET,
        header: request.headers['dun-signature'] as string,
        body: request.body,
      }),
    ).toEqual({ ok: true })
  })

  it('treats a 5xx as retryable and a 4xx as permanent', async () => {
    const channel = httpMessageChannel('webhook', { url, secret: SECRET })
    answer = { status: 503, body: 'busy' }
    await expect(channel.send(message({ channel: 'webhook' }), noDb)).rejects.toMatchObject({
      permanent: false,
    })
    answer = { status: 422, body: 'bad' }
    await expect(channel.send(message({ channel: 'webhook' }), noDb)).rejects.toMatchObject({
      permanent: true,
      message: expect.stringMatching(/answered 422: bad/),
    })
    const wrongSecret = httpMessageChannel('webhook', { url, secret: 'not-the-shared-secret' })
    answer = { status: 200, body: '{}' }
    await expect(wrongSecret.send(message({ channel: 'webhook' }), noDb)).rejects.toMatchObject({
      message: expect.stringMatching(/answered 401/),
    })
  })

  it('renders a letter to PDF and posts it to the mail house', async () => {
    answer = { status: 202, body: '{"id":"letter-9"}' }
    const receipt = await letterChannel({ url, secret: SECRET }).send(
      message({ channel: 'letter' }),
      noDb,
    )
    expect(receipt.providerId).toBe('letter-9')
    const payload = JSON.parse(received.at(-1)!.body) as { pdf_base64: string; address: string }
    expect(payload.address).toContain('St James Square 12')
    expect(Buffer.from(payload.pdf_base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('refuses an SMS to a customer without a phone number, permanently', async () => {
    const customer = customerFacts.parse({ id: 'c2', currency: 'EUR' })
    await expect(
      httpMessageChannel('sms', { url, secret: SECRET }).send(
        message({ channel: 'sms', customer }),
        noDb,
      ),
    ).rejects.toMatchObject({
      permanent: true,
      message: expect.stringMatching(/c2 has no phone number/),
    })
  })
})

describe('SMTP email', () => {
  let smtp: SMTPServer
  let port = 0
  const mails: { to: string[]; data: string }[] = []

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let data = ''
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')))
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    port = (smtp.server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())))

  it('sends subject, text and HTML with a Message-ID derived from the idempotency key', async () => {
    const channel = smtpEmailChannel({
      url: `smtp://127.0.0.1:${port}`,
      from: 'Dun <billing@acme.test>',
    })
    expect(channel.idempotent).toBe(false)
    const receipt = await channel.send(message(), noDb)
    const id = messageIdFor('case-1/final-notice/email', 'acme.test')
    expect(receipt.providerId).toBe(id)
    expect(mails).toHaveLength(1)
    const mail = mails[0]!
    expect(mail.to).toEqual(['ada@example.com'])
    expect(mail.data).toContain(`Message-ID: ${id}`)
    expect(mail.data).toContain('Subject: Final notice')
    expect(mail.data).toContain('X-Dun-Idempotency-Key: case-1/final-notice/email')
    expect(mail.data).toMatch(/Content-Type: text\/plain/)
    expect(mail.data).toMatch(/Content-Type: text\/html/)
  })

  it('fails retryably when the server is unreachable', async () => {
    const channel = smtpEmailChannel({ url: 'smtp://127.0.0.1:1', from: 'Dun <billing@acme.test>' })
    await expect(channel.send(message(), noDb)).rejects.toMatchObject({
      permanent: false,
      message: expect.stringMatching(/SMTP delivery to ada@example.com failed/),
    })
  })
})

describe('delivery config', () => {
  it('defaults to the capture outbox and the simulated gateway', () => {
    const config = readDeliveryEnv({})
    expect(config).toMatchObject({
      DUN_PAYMENT_GATEWAY: 'simulated',
      DUN_CONSOLIDATE_EMAIL: 'true',
    })
    expect(config.DUN_SMTP_URL).toBeUndefined()
  })

  it('names the bad variable in one line', () => {
    expect(() => readDeliveryEnv({ DUN_SMTP_URL: 'http://mail' })).toThrow(
      /^DUN_SMTP_URL must be a smtp or smtps URL \(got "http:\/\/mail"\)/,
    )
    expect(() => readDeliveryEnv({ DUN_SMS_URL: 'https://sms.example' })).toThrow(
      /^DUN_SMS_SECRET is missing: DUN_SMS_URL is set/,
    )
    expect(() => readDeliveryEnv({ DUN_DELIVERY_MAX_ATTEMPTS: 'many' })).toThrow(
      /^DUN_DELIVERY_MAX_ATTEMPTS /,
    )
    expect(() => readDeliveryEnv({ DUN_PAYMENT_GATEWAY: 'https://pay.example' })).toThrow(
      /^DUN_PAYMENT_SECRET is missing/,
    )
  })
})
