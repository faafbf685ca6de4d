import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { describeRowError } from '@dun/engine'
import type { ImportFile } from '@dun/service'
import { fileSize } from '../input-files.js'

interface DatasetImportOptions {
  readonly name: string
  readonly customers?: string
  readonly events?: string
  readonly ifAbsent?: boolean
}

/**
 * `dun dataset import FILE --name NAME [--customers FILE] [--events FILE]`: historical
 * invoices stored as a simulation dataset for the editor, apart from the live invoices.
 * Usable rows are kept; the rows left out are printed with their row, column and reason.
 */
export function registerDataset(program: Command): void {
  program
    .command('dataset')
    .description('Simulation datasets (historical invoices, never dunned)')
    .command('import')
    .description('Store invoices (CSV in our columns, or JSON lines) as a simulation dataset')
    .argument('<file>', 'the invoices file')
    .requiredOption('--name <name>', 'the name the editor lists it under')
    .option('--customers <file>', 'a customers file (CSV or JSON lines)')
    .option('--events <file>', 'payment events (JSON lines)')
    .option('--if-absent', 'do nothing when a dataset of that name exists (for first starts)')
    .action(async (file: string, options: DatasetImportOptions) => {
      const { cliErrorFrom, importDataset, listDatasets, withService } =
        await import('../operator-services.js')
      const invoices = await readText(file)
      const customers = options.customers ? await readText(options.customers) : undefined
      const events = options.events ? await readText(options.events) : undefined
      const result = await withService(async ({ ctx }) => {
        const existing = (await listDatasets(ctx)).some((d) => d.name === options.name.trim())
        if (options.ifAbsent && existing) return null
        return importDataset(ctx, { name: options.name, invoices, customers, events })
      }).catch((error: unknown) => {
        throw cliErrorFrom('dataset import', error)
      })
      if (result === null) {
        process.stdout.write(`Dataset "${options.name}" is already stored; nothing imported.\n`)
        return
      }
      const more = result.errorCount - result.errors.length
      process.stderr.write(
        result.errors.map((error) => `${describeRowError(error)}\n`).join('') +
          (more > 0 ? `… and ${more} more row error(s)\n` : ''),
      )
      process.stdout.write(
        `Stored dataset "${result.dataset.name}": ${result.dataset.invoiceCount} invoice(s)` +
          (result.errorCount > 0 ? `, ${result.errorCount} row(s) left out (listed above)` : '') +
          '.\n',
      )
    })
}

async function readText(file: string): Promise<ImportFile> {
  await fileSize('dataset import', file)
  return { file, text: await readFile(file, 'utf8') }
}
