import type { z } from 'zod'
import { ServiceError } from '../errors.js'

export const MAX_BATCH = 1000

/**
 * Validates a batch all-or-nothing: the first bad item fails the whole batch with the exact
 * field path (`invoices[3].due_at`), so nothing is half-applied.
 */
export function parseBatch<S extends z.ZodType>(
  schema: S,
  items: unknown,
  what: string,
): z.output<S>[] {
  if (!Array.isArray(items)) {
    throw new ServiceError('invalid_input', `${what} must be a list`, { field: what })
  }
  if (items.length === 0 || items.length > MAX_BATCH) {
    throw new ServiceError(
      'invalid_input',
      `${what} must hold 1 to ${MAX_BATCH} items, not ${items.length}`,
      {
        field: what,
        hint: `split larger imports into batches of ${MAX_BATCH}`,
      },
    )
  }
  return items.map((item, index) => parseOne(schema, item, `${what}[${index}]`))
}

export function parseOne<S extends z.ZodType>(
  schema: S,
  item: unknown,
  where: string,
): z.output<S> {
  const parsed = schema.safeParse(item)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = [where, ...issue.path.map(String)].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]')
  throw new ServiceError('invalid_input', `${field}: ${issue.message}`, { field })
}
