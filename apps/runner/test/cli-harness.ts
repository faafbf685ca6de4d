import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { freshPglite, type TestDatabase } from '@dun/store/testing'

/** What `dun` printed in the current test, and a scratch folder for its input files. */
export interface CliCapture {
  readonly stdout: string
  readonly stderr: string
  readonly dir: string
  /** Writes `text` to `name` in the scratch folder and returns its path. */
  file(name: string, text: string): string
  /** Forgets what was printed so far, to look at the next command's output alone. */
  clear(): void
}

/**
 * Captures stdout and stderr around each test of the calling file, which runs the CLI
 * in-process through `main(argv)`; every test gets a fresh scratch folder.
 */
export function captureCli(prefix: string): CliCapture {
  const state = { stdout: '', stderr: '', dir: '' }
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), `dun-${prefix}-`))
    state.stdout = ''
    state.stderr = ''
    process.exitCode = undefined
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      state.stdout += String(chunk)
      return true
    })
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      state.stderr += String(chunk)
      return true
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
    process.exitCode = undefined
  })
  return {
    get stdout() {
      return state.stdout
    },
    get stderr() {
      return state.stderr
    },
    get dir() {
      return state.dir
    },
    clear() {
      state.stdout = ''
      state.stderr = ''
    },
    file(name, text) {
      const path = join(state.dir, name)
      writeFileSync(path, text)
      return path
    },
  }
}

/**
 * A fresh embedded database for the operator commands of the calling `describe`, reached
 * through DATABASE_URL like an operator's shell. Returns the database once it is open.
 */
export function operatorDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined
  beforeAll(async () => {
    database = await freshPglite(2)
    vi.stubEnv('DATABASE_URL', database.url)
    vi.stubEnv('DUN_DB_POOL', '2')
  }, 60_000)
  afterAll(async () => {
    vi.unstubAllEnvs()
    await database?.close()
  })
  return () => {
    if (!database) throw new Error('the operator database is not open yet')
    return database
  }
}
