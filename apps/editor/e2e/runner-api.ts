import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The runner's HTTP API of the e2e stack, called with an admin token: for seeding what no page enters. */
export interface RunnerApi {
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>
}

const dun = join(import.meta.dirname, '..', '..', 'runner', 'bin', 'dun.js')

/**
 * Finds the stack's runner (stack.mjs writes where it listens) and issues a token for the
 * first admin with `dun token add`, as an operator would.
 */
export function runnerApi(name: string): RunnerApi {
  const file = join(tmpdir(), `dun-e2e-stack-${process.env.DUN_E2E_PORT}.json`)
  const { apiUrl, home } = JSON.parse(readFileSync(file, 'utf8')) as {
    apiUrl: string
    home: string
  }
  const printed = execFileSync(
    process.execPath,
    [dun, 'token', 'add', name, '--user', 'admin', '--scope', 'ingest,read,publish'],
    { cwd: home, env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8' },
  )
  const token = /Token \(shown once, store it now\): (\S+)/.exec(printed)?.[1]
  if (!token) throw new Error(`dun token add printed no token: ${printed}`)
  return {
    async call(method, path, body) {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
      return JSON.parse(text) as unknown
    },
  }
}
