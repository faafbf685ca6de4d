import { createServer } from 'node:net'
import { defineConfig } from '@playwright/test'

/**
 * The e2e suite drives Debian's Chromium (never a downloaded browser) against its own
 * server stack (e2e/stack.mjs: runner + editor on a fresh temporary database). The port is
 * picked once, in the main process; workers inherit it through the environment.
 * While working on the tests, start the stack once (`DUN_E2E_PORT=3900
 * DUN_ADMIN_PASSWORD=… node e2e/stack.mjs`) and set DUN_E2E_REUSE=1 to run against it.
 */
process.env.DUN_E2E_PORT ??= String(await freePort())
process.env.DUN_ADMIN_PASSWORD ??= 'e2e-admin-password-1234'
const baseURL = `http://127.0.0.1:${process.env.DUN_E2E_PORT}`
const reuse = process.env.DUN_E2E_REUSE === '1' && !process.env.CI

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/results',
  // One browser at a time: the machine has two cores and the stack uses one.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node e2e/stack.mjs',
    url: `${baseURL}/sign-in`,
    // A cold `next build` takes minutes on two shared cores.
    timeout: 600_000,
    reuseExistingServer: reuse,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
