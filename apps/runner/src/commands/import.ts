import { createReadStream } from 'node:fs'
import type { Command } from 'commander'
import { describeRowError } from '@dun/engine'
import { CliError } from '../cli-error.js'
import { countBytes, fileSize, readMappingFile } from '../input-files.js'
import { progressFor } from '../simulate/progress.js'

interface ImportOptions {
  readonly mapping?: string
  readonly customers?: string
  readonly ifEmpty?: boolean
}

/**
 * `dun import FILE [--mapping FILE] [--customers FILE]`: live invoices (and customers) from
 * the simulator's file formats, all or nothing. Simulation datasets are never touched:
 * this is how real invoices enter dunning.
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import live invoices (CSV or JSON lines) to be dunned; all or nothing')
    .argument('<file>', 'the invoices file (.csv through --mapping, or .jsonl)')
    .option('--mapping <file>', 'JSON column mapping for a foreign CSV export')
    .option('--customers <file>', 'a customers file (CSV or JSON lines)')
    .option('--if-empty', 'import only when no invoice is stored yet (for first starts)')
    .action(async (file: string, options: ImportOptions) => {
      const { cliErrorFrom, countInvoices, importLive, withService } =
        await import('../operator-services.js')
      const mapping = options.mapping ? await readMappingFile('import', options.mapping) : undefined
      const size = await fileSize('import', file)
      if (options.customers) await fileSize('import', options.customers)
      const progress = progressFor(process.stderr, 'importing')
      const result = await withService(async ({ ctx }) =>
        options.ifEmpty && (await countInvoices(ctx)) > 0
          ? null
          : importLive(ctx, {
              invoices: {
                file,
                text: countBytes(createReadStream(file, 'utf8'), size, progress.update),
              },
              customers: options.customers
                ? { file: options.customers, text: createReadStream(options.customers, 'utf8') }
                : undefined,
              mapping,
            }),
      )
        .catch((error: unknown) => {
          throw cliErrorFrom('import', error)
        })
        .finally(() => progress.stop())
      if (result === null) {
        process.stdout.write('Invoices are already stored; nothing imported (--if-empty).\n')
        return
      }
      if (result.imported) {
        process.stdout.write(
          `Imported ${result.invoices} invoice(s) and ${result.customers} customer(s); the scheduler opens their cases on its next pass.\n`,
        )
        return
      }
      const more = result.errorCount - result.errors.length
      process.stderr.write(
        result.errors.map((error) => `${describeRowError(error)}\n`).join('') +
          (more > 0 ? `… and ${more} more row error(s)\n` : ''),
      )
      throw new CliError(
        `import: ${result.errorCount} row error(s); nothing was imported. Fix the rows (or the mapping) and import again`,
        1,
      )
    })
}
