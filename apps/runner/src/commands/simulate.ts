import { writeFile } from 'node:fs/promises'
import { Option, type Command } from 'commander'
import { compareReports, type CompiledPolicy, type SimulationReport } from '@dun/engine'
import { CliError } from '../cli-error.js'
import { describeDiagnostic, readPolicyFile } from '../policy-file.js'
import { renderHtmlReport } from '../simulate/html-report.js'
import { parseInstant, readResponseModel } from '../simulate/options.js'
import { progressFor } from '../simulate/progress.js'
import { renderComparison, renderRowErrors, renderSummary } from '../simulate/summary-table.js'
import type { SimulationSettings } from '../simulate/simulate-part.js'
import { startSimulation } from '../simulate/worker-pool.js'

interface SimulateOptions {
  readonly invoices: string
  readonly mapping?: string
  readonly customers?: string
  readonly events?: string
  readonly compare?: string
  readonly engine: 'fast' | 'reference'
  readonly from?: string
  readonly to?: string
  readonly responseModel: readonly string[]
  readonly json?: string
  readonly timeline?: string
  readonly html?: string
}

/**
 * `dun simulate POLICY --invoices FILE …`: replays historical invoices under a policy (and
 * optionally a second one) and reports what it would have done. The summary goes to
 * stdout; `--json`, `--timeline` and `--html` write files.
 */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Replay historical invoices under a policy and report what it would have done')
    .argument('<policy>', 'the .dun policy to simulate')
    .requiredOption('--invoices <file>', 'invoices, CSV (through --mapping) or JSON lines')
    .option('--mapping <file>', 'column mapping for a CSV with other column names (JSON)')
    .option('--customers <file>', 'customers, CSV or JSON lines (else derived from the invoices)')
    .option('--events <file>', 'payment events, JSON lines (failures, disputes, partial payments…)')
    .option('--compare <policy>', 'a second policy to run on the same invoices, side by side')
    .addOption(
      new Option('--engine <path>', 'fast (compiled closures) or reference (json-rules-engine)')
        .choices(['fast', 'reference'])
        .default('fast'),
    )
    .option('--from <date>', 'leave out invoices issued before this date (YYYY-MM-DD or ISO time)')
    .option('--to <date>', 'leave out invoices issued from this date on; the replay stops here')
    .option(
      '--response-model <model...>',
      '"none" (default: no recovery estimate), "declared FILE" (a JSON response model) or "fitted" (learned from the database\'s ledger)',
      ['none'],
    )
    .option('--json <file>', 'write the full report as JSON')
    .option('--timeline <file>', 'write one JSON line per executed action')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .addHelpText('after', HELP)
    .action(async (policyFile: string, options: SimulateOptions) => {
      await runSimulate(policyFile, options)
    })
}

const HELP = `
Mode as-was: every invoice is paid when it really was; the report counts what the policy
would have done until then (actions, messages per customer, deferrals, escalations and
account actions with the balances involved, actions sent to invoices paid soon after).

--response-model declared FILE reads a JSON file of assumptions, e.g.
  { "baselineCureRate": 0.3,          share of dunned invoices paid with no action
    "baselineDaysToPay": 5,           days after the due date they pay (default 5)
    "daysToPayAfterAction": 2,        days after the action that worked (default 2)
    "uplifts": [                      first matching entry wins
      { "channel": "sms", "segment": "smb", "days": [0, 14], "probability": 0.08 },
      { "channel": "email", "probability": 0.05 } ] }
Figures are expected values; the report lists the assumptions that produced them.
--response-model fitted learns the same shape from the ledger of the database (DATABASE_URL,
  else the embedded one): per segment × channel × day, the share of unpaid customers who paid
  within 3 days of a contact beyond their segment's baseline; the report names the fit first.

--timeline writes one JSON line per executed action:
  {"invoice","step","action","scheduledAt","executedAt","segment"} (the first policy's with --compare).
Large files are simulated on one worker thread per core (DUN_SIMULATE_WORKERS=N to choose).
`

async function runSimulate(policyFile: string, options: SimulateOptions): Promise<void> {
  const from = parseInstant('--from', options.from)
  const to = parseInstant('--to', options.to)
  if (from !== null && to !== null && to <= from) {
    throw new CliError(`simulate: --to (${options.to}) must be after --from (${options.from})`)
  }
  const responseModel = await readResponseModel(options.responseModel)
  const progress = progressFor(process.stderr)
  const settings: SimulationSettings = {
    files: {
      invoices: options.invoices,
      mapping: options.mapping,
      customers: options.customers,
      events: options.events,
    },
    engine: options.engine,
    from,
    to,
    responseModel,
  }
  // workers for a large file start now, and read the customers while the
  // policies compile (loading the compiler alone takes a third of a second)
  const simulation = await startSimulation(
    settings,
    (read, total) => progress.update(read, total),
    options.timeline ?? null,
  )
  let reports: SimulationReport[]
  try {
    const policies = await compilePolicies([
      policyFile,
      ...(options.compare ? [options.compare] : []),
    ])
    if (policies === null) {
      process.exitCode = 1
      return
    }
    reports = await simulation.run(policies)
  } finally {
    progress.stop()
    await simulation.cancel()
  }
  await writeOutputs(reports, options)
}

async function writeOutputs(
  reports: readonly SimulationReport[],
  options: SimulateOptions,
): Promise<void> {
  const [base, candidate] = reports
  if (!base) throw new Error('the simulation returned no report')
  process.stdout.write(renderRowErrors(base))
  process.stdout.write(candidate ? renderComparison(base, candidate) : renderSummary(base))
  if (options.json) {
    const report = candidate ? compareReports(base, candidate) : base
    await writeOutput(options.json, `${JSON.stringify(report, null, 2)}\n`)
  }
  if (options.html) {
    await writeOutput(options.html, renderHtmlReport(candidate ? [base, candidate] : [base]))
  }
}

/** The policies compiled, or null after printing their diagnostics (the command then exits 1). */
async function compilePolicies(files: readonly string[]): Promise<CompiledPolicy[] | null> {
  const { compile, hasErrors } = await import('@dun/dsl')
  const compiled: CompiledPolicy[] = []
  for (const file of files) {
    const result = compile(await readPolicyFile('simulate', file))
    process.stderr.write(result.diagnostics.map((d) => describeDiagnostic(file, d)).join(''))
    if (result.compiled && !hasErrors(result.diagnostics)) compiled.push(result.compiled)
  }
  return compiled.length === files.length ? compiled : null
}

async function writeOutput(target: string, text: string): Promise<void> {
  try {
    await writeFile(target, text)
  } catch (error) {
    throw new CliError(
      `simulate: cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check that its folder exists`,
    )
  }
}
