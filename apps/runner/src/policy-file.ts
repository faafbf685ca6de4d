import { readFile } from 'node:fs/promises'
import type { Diagnostic } from '@dun/dsl'
import { CliError } from './cli-error.js'

/** Reads a policy file; a missing or unreadable file is the user's to fix: one line, exit 2. */
export async function readPolicyFile(command: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(error)
    throw new CliError(`${command}: cannot read ${file}: ${reason}; check the path`)
  }
}

/** `file:line:col: error DUN123: message` and the hint on the next line. */
export function describeDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, column } = diagnostic.range
  const hint = diagnostic.hint ? `\n  hint: ${diagnostic.hint}` : ''
  return `${file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}${hint}\n`
}
