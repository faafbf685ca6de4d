import type { Command } from 'commander'

/** `dun migrate`: brings the database schema up to date (`DATABASE_URL`, else the embedded one). */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (DATABASE_URL, else the embedded database)')
    .action(async () => {
      const { migrateToLatest, withService } = await import('../operator-services.js')
      const { applied } = await withService(({ ctx }) => migrateToLatest(ctx.db), {
        requireMigrated: false,
      })
      process.stdout.write(
        applied.length === 0
          ? 'The schema is up to date; nothing to apply.\n'
          : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`,
      )
    })
}
