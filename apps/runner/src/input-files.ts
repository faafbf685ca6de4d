import { readFile, stat } from 'node:fs/promises'
import { DatasetError, parseColumnMapping, type ColumnMapping } from '@dun/engine'
import { CliError } from './cli-error.js'

/**
 * Reading the files a user names on the command line (`dun simulate`, `dun import`,
 * `dun dataset import`): one wording for every command's file problems.
 */

/** `simulate: cannot read x.csv: no such file; check the path` */
export function cannotRead(command: string, file: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a folder'
        : String(code ?? error)
  return new CliError(`${command}: cannot read ${file}: ${reason}; check the path`)
}

/** The file's size in bytes, or a one-line error when it is missing or a folder. */
export async function fileSize(command: string, file: string): Promise<number> {
  const info = await stat(file).catch((error: unknown) => {
    throw cannotRead(command, file, error)
  })
  if (info.isDirectory())
    throw new CliError(`${command}: cannot read ${file}: it is a folder; give a file`)
  return info.size
}

/** A column-mapping file (JSON), validated; every problem is one line naming the file. */
export async function readMappingFile(command: string, file: string): Promise<ColumnMapping> {
  await fileSize(command, file)
  const text = await readFile(file, 'utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliError(
      `${command}: ${file} is not valid JSON (${(error as Error).message}); check the mapping file`,
    )
  }
  try {
    return parseColumnMapping(json, file)
  } catch (error) {
    if (error instanceof DatasetError) throw new CliError(`${command}: ${error.message}`)
    throw error
  }
}

/** Passes text chunks through, reporting how many of the file's bytes were read (progress bars). */
export async function* countBytes(
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
