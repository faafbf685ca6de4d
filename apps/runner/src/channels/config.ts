import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { Channel } from '@dun/engine'
import { recordEvent } from '@dun/service'
import { CliError } from '../cli-error.js'
import { DEFAULT_RETRY, type DeliveryDeps } from '../delivery/deps.js'
import { httpGateway } from '../payments/http-gateway.js'
import { simulatedGateway } from '../payments/simulated-gateway.js'
import { directoryTemplates } from '../templates/template-store.js'
import { billingWebhook, capturedBilling } from './billing.js'
import { httpMessageChannel } from './http-message.js'
import { keptMessageChannel } from './kept-message.js'
import { letterChannel } from './letter.js'
import type { MessageChannel } from './message.js'
import { smtpEmailChannel } from './smtp-email.js'

/** The examples' templates, next to the repository root (from src/ or dist/ alike). */
const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../../../examples/templates', import.meta.url))

const url = (schemes: readonly string[]) =>
  z.url().refine((text) => schemes.includes(new URL(text).protocol.replace(':', '')), {
    message: `must be a ${schemes.join(' or ')} URL`,
  })
const secret = z.string().min(16, 'must be at least 16 characters')
const count = z.coerce.number().int().positive()

/**
 * The delivery environment. Every variable is optional: with none set (the `npm start`
 * trial) messages and billing events go to the capture outbox and payments to the
 * simulated gateway, so a trial never contacts or charges anyone.
 */
const deliveryEnv = z.object({
  DUN_SMTP_URL: url(['smtp', 'smtps']).optional(),
  DUN_EMAIL_FROM: z.string().min(3).default('Dun <dunning@localhost>'),
  DUN_SMS_URL: url(['http', 'https']).optional(),
  DUN_SMS_SECRET: secret.optional(),
  DUN_WEBHOOK_URL: url(['http', 'https']).optional(),
  DUN_WEBHOOK_SECRET: secret.optional(),
  DUN_MAILHOUSE_URL: url(['http', 'https']).optional(),
  DUN_MAILHOUSE_SECRET: secret.optional(),
  DUN_BILLING_URL: url(['http', 'https']).optional(),
  DUN_BILLING_SECRET: secret.optional(),
  /** `simulated` or the URL of the operator's payment service. */
  DUN_PAYMENT_GATEWAY: z
    .union([z.literal('simulated'), url(['http', 'https'])])
    .default('simulated'),
  DUN_PAYMENT_SECRET: secret.optional(),
  DUN_SIMULATED_SEED: z.string().min(1).default('dun'),
  DUN_TEMPLATE_DIR: z.string().min(1).default(BUNDLED_TEMPLATES),
  DUN_DELIVERY_MAX_ATTEMPTS: count.default(DEFAULT_RETRY.maxAttempts),
  DUN_DELIVERY_BATCH: count.default(50),
  DUN_DELIVERY_LEASE_SECONDS: count.default(300),
  DUN_CONSOLIDATE_EMAIL: z.enum(['true', 'false']).default('true'),
})

export type DeliveryEnv = z.output<typeof deliveryEnv>

/** Signed endpoints: a URL needs its secret beside it. */
const SIGNED = [
  ['DUN_SMS_URL', 'DUN_SMS_SECRET'],
  ['DUN_WEBHOOK_URL', 'DUN_WEBHOOK_SECRET'],
  ['DUN_MAILHOUSE_URL', 'DUN_MAILHOUSE_SECRET'],
  ['DUN_BILLING_URL', 'DUN_BILLING_SECRET'],
] as const

/** Reads and checks the environment; a bad variable is a one-line CliError naming it. */
export function readDeliveryEnv(env: NodeJS.ProcessEnv): DeliveryEnv {
  const parsed = deliveryEnv.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0])
    throw new CliError(`${name} ${issue.message} (got "${env[name] ?? ''}"): fix or unset it`)
  }
  const config = parsed.data
  for (const [urlName, secretName] of SIGNED) {
    if (config[urlName] && !config[secretName]) {
      throw new CliError(
        `${secretName} is missing: ${urlName} is set and its requests are signed; set ${secretName} to the shared secret`,
      )
    }
  }
  if (config.DUN_PAYMENT_GATEWAY !== 'simulated' && !config.DUN_PAYMENT_SECRET) {
    throw new CliError(
      'DUN_PAYMENT_SECRET is missing: DUN_PAYMENT_GATEWAY is a URL and charges are signed; set DUN_PAYMENT_SECRET',
    )
  }
  return config
}

/** The delivery workers' dependencies from the environment (see `deliveryEnv`). */
export function channelsFromEnv(env: NodeJS.ProcessEnv): DeliveryDeps {
  return depsFromConfig(readDeliveryEnv(env))
}

export function depsFromConfig(config: DeliveryEnv): DeliveryDeps {
  const capture = keptMessageChannel('capture')
  const signed = (u: string | undefined, s: string | undefined) =>
    u && s ? { url: u, secret: s } : null
  const sms = signed(config.DUN_SMS_URL, config.DUN_SMS_SECRET)
  const webhook = signed(config.DUN_WEBHOOK_URL, config.DUN_WEBHOOK_SECRET)
  const mailHouse = signed(config.DUN_MAILHOUSE_URL, config.DUN_MAILHOUSE_SECRET)
  const billing = signed(config.DUN_BILLING_URL, config.DUN_BILLING_SECRET)
  const channels: Record<Channel, MessageChannel> = {
    email: config.DUN_SMTP_URL
      ? smtpEmailChannel({ url: config.DUN_SMTP_URL, from: config.DUN_EMAIL_FROM })
      : capture,
    sms: sms ? httpMessageChannel('sms', sms) : capture,
    webhook: webhook ? httpMessageChannel('webhook', webhook) : capture,
    letter: mailHouse ? letterChannel(mailHouse) : capture,
    in_app: keptMessageChannel('in_app'),
  }
  return {
    channels,
    billing: billing ? billingWebhook(billing) : capturedBilling(),
    payments:
      config.DUN_PAYMENT_GATEWAY === 'simulated'
        ? simulatedGateway({ seed: config.DUN_SIMULATED_SEED })
        : httpGateway({ url: config.DUN_PAYMENT_GATEWAY, secret: config.DUN_PAYMENT_SECRET! }),
    templates: directoryTemplates(config.DUN_TEMPLATE_DIR),
    recordEvent,
    retry: { ...DEFAULT_RETRY, maxAttempts: config.DUN_DELIVERY_MAX_ATTEMPTS },
    batchSize: config.DUN_DELIVERY_BATCH,
    leaseMs: config.DUN_DELIVERY_LEASE_SECONDS * 1000,
    consolidateEmail: config.DUN_CONSOLIDATE_EMAIL === 'true',
  }
}
