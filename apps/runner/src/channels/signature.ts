import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Every HTTP request Dun sends (SMS, webhooks, letters, billing events, the HTTP payment
 * gateway) is signed so the receiver can tell it came from Dun and was not replayed:
 *
 *     Dun-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>
 *
 * Receivers recompute the HMAC over the raw body bytes as received, compare in constant
 * time, and reject timestamps older than a tolerance (5 minutes by default).
 */
export const SIGNATURE_HEADER = 'dun-signature'
export const DEFAULT_TOLERANCE_SECONDS = 300

export function signatureHeader(secret: string, body: string, atMs: number): string {
  const t = Math.floor(atMs / 1000)
  return `t=${t},v1=${hmac(secret, t, body)}`
}

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'malformed' | 'mismatch' | 'expired' }

export interface VerifyOptions {
  readonly secret: string
  /** The `Dun-Signature` header as received. */
  readonly header: string | undefined
  /** The raw request body, exactly as received. */
  readonly body: string
  readonly nowMs?: number
  readonly toleranceSeconds?: number
}

/** Checks a `Dun-Signature` header: for receivers of Dun's requests, and for our tests. */
export function verifySignature({
  secret,
  header,
  body,
  nowMs = Date.now(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
}: VerifyOptions): SignatureCheck {
  const fields = new Map(
    (header ?? '').split(',').map((part) => {
      const [key = '', ...rest] = part.trim().split('=')
      return [key, rest.join('=')] as const
    }),
  )
  const t = Number(fields.get('t'))
  const v1 = fields.get('v1')
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) {
    return { ok: false, reason: 'malformed' }
  }
  const expected = Buffer.from(hmac(secret, t, body), 'hex')
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { ok: false, reason: 'mismatch' }
  if (Math.abs(nowMs / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'expired' }
  return { ok: true }
}

function hmac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
}
