/**
 * Guardrails the engine enforces whatever a policy says (a policy can tighten them, never
 * loosen them). Reg F: no contact before 08:00 or after 21:00 local time, at most 7 calls
 * in 7 days. Card networks: no retry after a hard decline, at most 15 retries per invoice
 * in 30 days.
 */
export const STATUTORY_QUIET_HOURS = { start: 21 * 60, end: 8 * 60 } as const

export const STATUTORY_CALL_CAP = { scope: 'calls', max: 7, windowDays: 7 } as const

export const CARD_NETWORK_RETRY_CAP = { scope: 'retries', max: 15, windowDays: 30 } as const

/** A hard decline that card networks nevertheless let merchants retry. */
export const RETRYABLE_HARD_DECLINE_CODES: ReadonlySet<string> = new Set(['do_not_honor'])

/**
 * How long after a segment's last scheduled step the engine keeps re-checking, once a day,
 * steps whose time has passed but whose guard failed. After that the case is completed.
 */
export const RECHECK_DAYS_AFTER_LAST_STEP = 30

export const MS_PER_MINUTE = 60_000
export const MS_PER_HOUR = 3_600_000
export const MS_PER_DAY = 86_400_000
