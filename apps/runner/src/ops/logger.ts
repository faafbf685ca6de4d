import { pino, type Logger } from 'pino'

/**
 * Structured JSON logs (pino) for the long-running runner. Analyst commands print for
 * people instead and never log. `DUN_LOG_LEVEL` sets the level (default info; silent in tests).
 */
export function createLogger(name = 'dun-runner'): Logger {
  const level = process.env.DUN_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')
  return pino({ name, level })
}

export type { Logger }
