import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely'
import * as initial from './migrations/2026-11-25T00-00-initial.js'
import * as experiments from './migrations/2026-11-25T01-00-experiments.js'
import * as outcomeFigures from './migrations/2026-11-26T00-00-outcome-figures.js'
import * as outcomeOpenDays from './migrations/2026-11-26T01-00-outcome-open-days.js'
import type { Database } from './database.js'

/** Every migration, in order. Names are timestamps so their order never depends on a file system. */
const migrations: Record<string, Migration> = {
  '2026-11-25T00-00-initial': initial,
  '2026-11-25T01-00-experiments': experiments,
  '2026-11-26T00-00-outcome-figures': outcomeFigures,
  '2026-11-26T01-00-outcome-open-days': outcomeOpenDays,
}

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

export interface MigrationReport {
  readonly applied: readonly string[]
}

/** Brings the schema up to date; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  return report(await migrator(db).migrateToLatest())
}

/** Reverts the most recent migration (for development). */
export async function migrateDown(db: Kysely<Database>): Promise<MigrationReport> {
  return report(await migrator(db).migrateDown())
}

/** Names of migrations not yet applied: readiness checks refuse to serve while any remain. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migrator(db).getMigrations()
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

function report({ error, results }: MigrationResultSet): MigrationReport {
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    const cause = error instanceof Error ? error.message : String(error)
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, {
      cause: error,
    })
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  }
}
