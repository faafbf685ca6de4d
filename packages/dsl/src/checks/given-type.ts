import type { FactType } from '@dun/engine'
import type { Given } from '../ast.js'

/** An instant written as text: ISO-8601 with a time and an offset, as the test runner reads it. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d\d:\d\d)$/

/**
 * What a `given` for a fact of this type must look like, or null when `value` fits. The
 * text is the example an analyst can copy.
 */
export function expectedGivenValue(type: FactType, value: Given['value']): string | null {
  switch (type.kind) {
    case 'money':
      return value.kind === 'money' && value.amounts.length === 1
        ? null
        : 'one amount with its currency, e.g. 250 USD'
    case 'number':
      return value.kind === 'number' ? null : 'a number, e.g. 3'
    case 'string':
    case 'enum':
      return value.kind === 'string' ? null : 'a text in quotes, e.g. "pro"'
    case 'boolean':
      return value.kind === 'boolean' ? null : 'true or false'
    case 'instant':
      return value.kind === 'relativeDay' ||
        (value.kind === 'string' &&
          ISO_INSTANT.test(value.value) &&
          !Number.isNaN(Date.parse(value.value)))
        ? null
        : 'a day relative to the due date (day 10) or a time such as "2026-02-01T09:00:00Z"'
    case 'duration':
      return value.kind === 'duration' ? null : 'a duration, e.g. 30 days'
    case 'list':
      return value.kind === 'list' && value.items.every((item) => item.kind === 'string')
        ? null
        : 'a list of texts, e.g. ["vip"]'
  }
}
