import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import type { ServiceSession } from '../open-service.js'
import type * as OperatorServices from '../operator-services.js'

interface ActingOptions {
  readonly as: string
  readonly comment: string
}

interface StartOptions extends ActingOptions {
  readonly name: string
  readonly arm: readonly string[]
  readonly minSample: string
}

/**
 * `dun experiment start|list|results|stop|promote`: experiments between published versions
 * of one policy. Database code is imported when a subcommand runs, like every operator command.
 */
export function registerExperiment(program: Command): void {
  const experiment = program
    .command('experiment')
    .description('Run experiments between published policy versions, read and act on their results')
  const acting = (command: Command) =>
    command
      .option('--as <user>', 'the user acting (needs the approver or admin role)', 'admin')
      .option('--comment <text>', 'why (kept in the audit log)', '')

  acting(
    experiment
      .command('start')
      .description('Start an experiment: new cases are split between the arms, sticky per customer')
      .requiredOption('--name <name>', 'what the experiment tests, e.g. "sms on day 3"')
      .requiredOption(
        '--arm <name=version:weight...>',
        'an arm: its name, a published version id, and its traffic weight (1 by default); the first arm is the control',
      )
      .option('--min-sample <cases>', 'cases each arm needs before any verdict', '500'),
  ).action(async (options: StartOptions) => {
    const arms = options.arm.map(parseArm)
    const minimumSamplePerArm = parseCount('--min-sample', options.minSample)
    const started = await run('experiment start', async (session, services) => {
      const actor = await actorNamed(session, options.as)
      return services.startExperiment(session.ctx, actor, {
        name: options.name,
        arms,
        minimumSamplePerArm,
      })
    })
    const split = started.arms.map((a) => `${a.name} ${a.weight}`).join(' / ')
    process.stdout.write(
      `Experiment "${started.experiment.name}" (${started.experiment.id}) is running: ${split}\n`,
    )
  })

  experiment
    .command('list')
    .description('List experiments, newest first')
    .option('--json', 'print them as JSON')
    .action(async (options: { readonly json?: boolean }) => {
      const rows = await run('experiment list', ({ ctx }, services) =>
        services.listExperiments(ctx.db, ctx.workspace),
      )
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows)}\n`)
        return
      }
      if (rows.length === 0) process.stdout.write('No experiments yet.\n')
      for (const row of rows) {
        const promoted = row.promoted_arm ? `, promoted "${row.promoted_arm}"` : ''
        process.stdout.write(
          `${row.id}  ${row.state.padEnd(8)}  ${row.started_at.toISOString()}  ${row.name}${promoted}\n`,
        )
      }
    })

  experiment
    .command('results')
    .description('Recovery and days to collect per arm, differences with 95% intervals and tests')
    .argument('<id>', 'the experiment id')
    .option('--json', 'print the full analysis as JSON')
    .action(async (id: string, options: { readonly json?: boolean }) => {
      const results = await run('experiment results', ({ ctx }, services) =>
        services.experimentResults(ctx, id),
      )
      if (options.json) {
        process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
        return
      }
      const { renderExperimentResults } = await import('../experiments/results-table.js')
      process.stdout.write(renderExperimentResults(results))
    })

  acting(
    experiment
      .command('stop')
      .description('Stop an experiment: new cases start under the live version again')
      .argument('<id>', 'the experiment id'),
  ).action(async (id: string, options: ActingOptions) => {
    await run('experiment stop', async (session, services) =>
      services.stopExperiment(
        session.ctx,
        await actorNamed(session, options.as),
        id,
        options.comment,
      ),
    )
    process.stdout.write(`Experiment ${id} stopped: new cases start under the live version.\n`)
  })

  acting(
    experiment
      .command('promote')
      .description("Publish an arm's version through the publishing rule (four-eyes applies)")
      .argument('<id>', 'the experiment id')
      .argument('<arm>', 'the arm to promote'),
  ).action(async (id: string, arm: string, options: ActingOptions) => {
    const result = await run('experiment promote', async (session, services) =>
      services.promoteArm(
        session.ctx,
        await actorNamed(session, options.as),
        id,
        arm,
        options.comment,
      ),
    )
    const what =
      result.state === 'published'
        ? 'published: new cases start under it'
        : 'waiting for approval by another approver (four-eyes is on); the traffic stays split until then'
    process.stdout.write(`Arm "${arm}" promoted as version ${result.versionId}: ${what}\n`)
  })
}

type Services = typeof OperatorServices

async function run<T>(
  command: string,
  body: (session: ServiceSession, services: Services) => Promise<T>,
): Promise<T> {
  const services = await import('../operator-services.js')
  return services
    .withService((session) => body(session, services))
    .catch((error: unknown) => {
      throw services.cliErrorFrom(command, error)
    })
}

async function actorNamed({ ctx }: ServiceSession, username: string) {
  const { findUserByName } = await import('../operator-services.js')
  const user = await findUserByName(ctx.db, ctx.workspace, username)
  if (!user) {
    throw new CliError(
      `experiment: no user named ${username}; add one with \`dun user add ${username} --role approver\` or pass --as`,
    )
  }
  return { username: user.username, role: user.role }
}

function parseArm(text: string): { name: string; versionId: string; weight: number } {
  const match = /^([^=]+)=([^:]+)(?::(\d+))?$/.exec(text)
  if (!match) {
    throw new CliError(
      `experiment start: --arm ${text} is not name=version[:weight]; write e.g. --arm control=<version id>:50`,
    )
  }
  return { name: match[1]!, versionId: match[2]!, weight: match[3] ? Number(match[3]) : 1 }
}

function parseCount(flag: string, text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) {
    throw new CliError(
      `experiment start: ${flag} ${text} is not a whole number of cases; write e.g. ${flag} 500`,
    )
  }
  return value
}
