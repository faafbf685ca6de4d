import { createHash } from 'node:crypto'
import { compile, hasErrors } from '@dun/dsl'
import {
  appendAudit,
  ensurePolicy,
  insertVersion,
  listVersions,
  type PolicyVersionRow,
} from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'

export interface SaveVersionInput {
  readonly source: string
  readonly comment?: string
}

/**
 * Saves policy source as a new draft version: validated and compiled first, so a stored
 * version always compiles. Saving text identical to the latest version returns that version.
 */
export async function saveVersion(
  ctx: ServiceContext,
  actor: Actor,
  input: SaveVersionInput,
): Promise<PolicyVersionRow> {
  const { compiled, diagnostics } = compile(input.source)
  if (!compiled || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    const first = errors[0]
    throw new ServiceError(
      'invalid_policy',
      `the policy has ${errors.length} error${errors.length === 1 ? '' : 's'}` +
        (first ? `; the first, line ${first.range.line}: ${first.message}` : ''),
      { field: 'source', hint: 'run `dun check` on the file to see every error', diagnostics },
    )
  }
  const hash = createHash('sha256').update(input.source).digest('hex')
  return ctx.db.transaction().execute(async (trx) => {
    const policy = await ensurePolicy(trx, ctx.workspace, compiled.policy.name)
    const [latest] = await listVersions(trx, ctx.workspace, policy.id)
    if (latest && latest.content_hash === hash) return latest
    const version = await insertVersion(trx, {
      workspace_id: ctx.workspace,
      policy_id: policy.id,
      number: (latest?.number ?? 0) + 1,
      source: input.source,
      compiled: JSON.stringify(compiled),
      content_hash: hash,
      author: actor.username,
      comment: input.comment ?? '',
      state: 'draft',
    })
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: 'version.saved',
      subjectType: 'policy_version',
      subjectId: version.id,
      details: { policy: compiled.policy.name, number: version.number },
    })
    return version
  })
}
