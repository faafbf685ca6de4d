import { createHash, randomBytes } from 'node:crypto'

/** 256 random bits: the session id the browser holds. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database keeps instead of the id (a stolen table row signs nobody in). */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex')
}
