import { ensureFirstAdmin, type ServiceContext } from '@dun/service'
import { migrateToLatest } from '@dun/store'
import { startHttpServer } from './api/server.js'
import { channelsFromEnv } from './channels/config.js'
import { CliError } from './cli-error.js'
import { runnerConfig } from './config.js'
import { runDeliveryPass, startDelivery } from './delivery/worker.js'
import { openService, type ServiceSession } from './open-service.js'
import { createLogger, type Logger } from './ops/logger.js'
import { startOutcomesJob } from './outcomes/outcomes-loop.js'
import { startScheduler } from './scheduler/loop.js'
import { schedulerTick } from './scheduler/tick.js'
import { describeTick } from './scheduler/tick-report.js'

/**
 * What `dun runner` and `dun runner tick` do. Loaded only when one of them runs, so the
 * analyst commands (check, fmt, compile, test, simulate) never load database code.
 */

export interface RunnerOptions {
  readonly api: boolean
  readonly delivery: boolean
}

export interface TickOptions {
  readonly now: string
  readonly batchSize?: number
  readonly delivery: boolean
  readonly json?: boolean
}

export async function runTick(options: TickOptions): Promise<void> {
  const now = instant(options.now)
  const config = runnerConfig()
  const deps = options.delivery ? channelsFromEnv(process.env) : null
  await withMigratedService(async ({ ctx }) => {
    const batchSize = options.batchSize ?? config.DUN_BATCH_SIZE
    const started = performance.now()
    const scheduler = await schedulerTick(ctx, now, { batchSize })
    const seconds = (performance.now() - started) / 1000
    const delivery = deps ? await runDeliveryPass(ctx, now, deps) : null
    process.stdout.write(
      options.json
        ? JSON.stringify({
            now: now.toISOString(),
            scheduler,
            schedulerSeconds: seconds,
            delivery,
          }) + '\n'
        : describeTick(now, scheduler, seconds, delivery),
    )
  })
}

export async function runService(options: RunnerOptions): Promise<void> {
  const config = runnerConfig()
  const deps = options.delivery ? channelsFromEnv(process.env) : null
  const logger = createLogger()
  await withMigratedService(async ({ ctx, mode }) => {
    await announceFirstAdmin(ctx, config.DUN_ADMIN_PASSWORD, logger)
    const stop = new AbortController()
    const stopOn = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping: finishing the batches in hand')
      stop.abort()
    }
    process.once('SIGTERM', stopOn)
    process.once('SIGINT', stopOn)
    const http = options.api
      ? await startHttpServer({
          ctx,
          port: config.DUN_HTTP_PORT,
          host: config.DUN_HTTP_HOST,
          logger,
        })
      : null
    logger.info(
      { database: mode, api: http?.url ?? null, delivery: deps !== null },
      'runner started',
    )
    const workers = [
      startScheduler({
        ctx,
        intervalMs: config.DUN_SCHEDULER_INTERVAL_MS,
        batchSize: config.DUN_BATCH_SIZE,
        logger: logger.child({ worker: 'scheduler' }),
        signal: stop.signal,
      }),
      startOutcomesJob({
        ctx,
        intervalMs: config.DUN_OUTCOMES_INTERVAL_MS,
        logger: logger.child({ worker: 'outcomes' }),
        signal: stop.signal,
      }),
      ...(deps
        ? [
            startDelivery({
              ctx,
              deps,
              intervalMs: config.DUN_DELIVERY_INTERVAL_MS,
              logger: logger.child({ worker: 'delivery' }),
              signal: stop.signal,
            }),
          ]
        : []),
    ]
    await Promise.all(workers.map((w) => w.stopped))
    await http?.close()
    logger.info('runner stopped')
  })
}

/** Opens the database (DATABASE_URL, else the embedded one), brings its schema up to date. */
async function withMigratedService(
  body: (session: ServiceSession) => Promise<void>,
): Promise<void> {
  const session = await openService({ requireMigrated: false })
  try {
    await migrateToLatest(session.ctx.db).catch((error: unknown) => {
      throw new CliError(
        `cannot bring the database schema up to date: ${(error as Error).message}; check DATABASE_URL`,
      )
    })
    await body(session)
  } finally {
    await session.close()
  }
}

async function announceFirstAdmin(
  ctx: ServiceContext,
  password: string | undefined,
  logger: Logger,
) {
  const admin = await ensureFirstAdmin(ctx, password)
  if (!admin.created) return
  if (admin.generatedPassword) {
    // Printed once, for the operator at the terminal; never logged.
    process.stdout.write(
      `first admin "${admin.username}" created; password (shown once): ${admin.generatedPassword}\n`,
    )
  } else {
    logger.info({ username: admin.username }, 'first admin created from DUN_ADMIN_PASSWORD')
  }
}

function instant(text: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : null
  if (!at || Number.isNaN(at.getTime())) {
    throw new CliError(
      `--now: "${text}" is not an ISO 8601 instant with an offset; e.g. 2026-03-02T09:00:00Z`,
    )
  }
  return at
}
