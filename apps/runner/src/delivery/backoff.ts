import type { RetryPolicy } from './deps.js'

/**
 * When to try again after failed attempt number `attempt` (1-based): exponential backoff,
 * capped, with "equal jitter" (half fixed, half random) so workers that failed together do
 * not retry together.
 */
export function nextAttemptAt(attempt: number, now: Date, policy: RetryPolicy): Date {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  const delay = exponential / 2 + (exponential / 2) * policy.random()
  return new Date(now.getTime() + Math.round(delay))
}
