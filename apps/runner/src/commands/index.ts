import type { Command } from 'commander'
import { registerFmt } from './fmt.js'
import { registerSimulate } from './simulate.js'
import { registerCompile } from './compile.js'
import { registerTest } from './test.js'
import { registerCheck } from './check.js'
import { registerRunner } from './runner.js'
import { registerMigrate } from './migrate.js'
import { registerImport } from './import.js'
import { registerPublish } from './publish.js'
import { registerUser } from './user.js'
import { registerCases } from './cases.js'
import { registerToken } from './token.js'
import { registerDataset } from './dataset.js'
import { registerExperiment } from './experiment.js'

/** Each command lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerFmt(program)
  registerSimulate(program)
  registerCompile(program)
  registerTest(program)
  registerCheck(program)
  registerRunner(program)
  registerMigrate(program)
  registerImport(program)
  registerPublish(program)
  registerUser(program)
  registerCases(program)
  registerToken(program)
  registerDataset(program)
  registerExperiment(program)
}
