import { readFile } from 'node:fs/promises'
import { responseModelSchema, type ResponseModel } from '@dun/engine'
import { CliError } from '../cli-error.js'

/** `--from/--to`: a date (UTC midnight) or an ISO time with an offset, as epoch ms. */
export function parseInstant(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)
    ? Date.parse(iso)
    : NaN
  if (Number.isNaN(at)) {
    throw new CliError(
      `simulate: ${flag} '${text}' is not a date; write YYYY-MM-DD or an ISO time such as 2026-01-31T00:00:00Z`,
    )
  }
  return at
}

/**
 * `--response-model none` (no recovery estimate), `declared FILE`, or `fitted` (learned from
 * the database's ledger through the service, imported only then: simulating stays free of
 * database code otherwise).
 */
export async function readResponseModel(values: readonly string[]): Promise<ResponseModel | null> {
  const [kind, file, ...rest] = values
  if (kind === 'none' && file === undefined) return null
  if (kind === 'fitted' && file === undefined) return fittedFromLedger()
  if (kind !== 'declared' || file === undefined || rest.length > 0) {
    throw new CliError(
      `simulate: --response-model takes "none", "fitted" or "declared FILE", not "${values.join(' ')}"; put the policy file before the options`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'no such file' : (code ?? `not valid JSON (${(error as Error).message})`)
    throw new CliError(
      `simulate: cannot read the response model ${file}: ${reason}; check the path and the JSON`,
    )
  }
  const parsed = responseModelSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(top level)'}: ${i.message}`,
    )
    throw new CliError(
      `simulate: the response model ${file} is not valid: ${problems.join('; ')}; expected { "baselineCureRate": 0.3, "uplifts": [{ "channel": "email", "segment": "*", "days": [0, 14], "probability": 0.05 }] }`,
    )
  }
  return parsed.data
}

async function fittedFromLedger(): Promise<ResponseModel> {
  const services = await import('../operator-services.js')
  const fitted = await services
    .withService(({ ctx }) => services.fitResponseModelFromLedger(ctx))
    .catch((error: unknown) => {
      throw services.cliErrorFrom('simulate', error)
    })
  return fitted.model
}
