const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Whether `id` can name a row with a uuid key. Checked before querying: PostgreSQL rejects
 * a malformed uuid with an error, where the caller deserves a plain "not found".
 */
export function isUuid(id: string): boolean {
  return UUID.test(id)
}
