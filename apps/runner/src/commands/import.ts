import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { Command } from 'commander'
import { DatasetError, describeRowError, parseColumnMapping, type ColumnMapping } from '@dun/engine'
import { CliError } from '../cli-error.js'
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
      const mapping = options.mapping ? await readMapping(options.mapping) : undefined
      const size = await sizeOf(file)
      if (options.customers) await sizeOf(options.customers)
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

async function readMapping(file: string): Promise<ColumnMapping> {
  await sizeOf(file)
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new CliError(
      `import: ${file} is not valid JSON (${(error as Error).message}); check the mapping file`,
    )
  }
  try {
    return parseColumnMapping(json, file)
  } catch (error) {
    if (error instanceof DatasetError) throw new CliError(`import: ${error.message}`)
    throw error
  }
}

async function sizeOf(file: string): Promise<number> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'no such file' : String(error.code ?? error)
    throw new CliError(`import: cannot read ${file}: ${reason}; check the path`)
  })
  if (info.isDirectory())
    throw new CliError(`import: cannot read ${file}: it is a folder; give a file`)
  return info.size
}

async function* countBytes(
  chunks: AsyncIterable<string | Buffer>,
  total: number,
  onBytes: (read: number, total: number) => void,
): AsyncGenerator<string> {
  let read = 0
  for await (const chunk of chunks) {
    const text = String(chunk)
    read += Buffer.byteLength(text)
    onBytes(Math.min(read, total), total)
    yield text
  }
}
