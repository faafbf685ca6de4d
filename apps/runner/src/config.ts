import { z } from 'zod'
import { DEFAULT_WORKSPACE } from '@dun/store'
import { CliError } from './cli-error.js'

/**
 * The runner's environment (channels and gateways have their own, in `channels/config.ts`).
 * Validated once at start: a bad value stops the process with one line naming the variable.
 */
const runnerEnv = z.object({
  DATABASE_URL: z.url().optional(),
  DUN_WORKSPACE: z.string().min(1).default(DEFAULT_WORKSPACE),
  DUN_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  DUN_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DUN_DB_POOL: z.coerce.number().int().min(1).max(100).default(10),
  DUN_SCHEDULER_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  DUN_DELIVERY_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  /** Pause between runs of the outcomes job (attribution and rollups). */
  DUN_OUTCOMES_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  DUN_BATCH_SIZE: z.coerce.number().int().positive().max(10_000).default(200),
  /** The first admin's password; generated and printed once when absent. */
  DUN_ADMIN_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
})

export type RunnerConfig = z.output<typeof runnerEnv>

const HINTS: Partial<Record<keyof RunnerConfig, string>> = {
  DATABASE_URL:
    'e.g. postgres://user:password@host:5432/dun, or unset it for the embedded database',
  DUN_HTTP_PORT: 'a port number from 0 (any free port) to 65535',
}

export function runnerConfig(env: NodeJS.ProcessEnv = process.env): RunnerConfig {
  const parsed = runnerEnv.safeParse(emptyAsUnset(env))
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const name = String(issue.path[0]) as keyof RunnerConfig
  const hint = HINTS[name] ? `; ${HINTS[name]}` : ''
  throw new CliError(`environment variable ${name} is invalid: ${issue.message}${hint}`)
}

/** `FOO=` in a shell or a .env file means "not set", not "the empty string". */
function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  )
}
