import { DeliveryError } from './message.js'
import { signatureHeader } from './signature.js'

export interface SignedEndpoint {
  readonly url: string
  readonly secret: string
}

export interface SignedPostOptions {
  readonly idempotencyKey: string
  /** Signing time; the clock of the process, not the tick's virtual `now`. */
  readonly nowMs?: number
  readonly timeoutMs?: number
}

export interface SignedPostResponse {
  readonly status: number
  readonly body: unknown
}

/**
 * POSTs a JSON payload signed with HMAC-SHA256 (see signature.ts) and the idempotency key
 * in an `Idempotency-Key` header, so a receiver can drop a retried request. 5xx, 408, 429
 * and network errors are worth retrying; other 4xx are permanent.
 */
export async function postSigned(
  endpoint: SignedEndpoint,
  payload: unknown,
  { idempotencyKey, nowMs = Date.now(), timeoutMs = 30_000 }: SignedPostOptions,
): Promise<SignedPostResponse> {
  const body = JSON.stringify(payload)
  let response: Response
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'dun-runner',
        'idempotency-key': idempotencyKey,
        'dun-signature': signatureHeader(endpoint.secret, body, nowMs),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new DeliveryError(`POST ${endpoint.url} failed: ${(error as Error).message}`)
  }
  const text = await response.text()
  if (!response.ok) {
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429
    throw new DeliveryError(
      `POST ${endpoint.url} answered ${response.status}: ${text.slice(0, 200)}`,
      !retryable,
    )
  }
  return { status: response.status, body: parseBody(text) }
}

function parseBody(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown)
  } catch {
    return text.slice(0, 500)
  }
}
