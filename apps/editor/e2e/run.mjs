// `npm run e2e -w @dun/editor` (part of the root `npm test`): the Playwright suite with
// Debian's Chromium. Without the browser it is skipped with the reason on a developer's
// machine, and fails under CI=true (.ci/run installs it).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = '/usr/bin/chromium'
if (!existsSync(chromium)) {
  const why = `${chromium} is missing; install Debian's chromium (apt-get install -y chromium)`
  if (process.env.CI) {
    console.error(`e2e: FAILED — ${why}. CI must run the browser tests.`)
    process.exit(1)
  }
  console.log(`e2e: SKIPPED — ${why} to run the browser tests.`)
  process.exit(0)
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
