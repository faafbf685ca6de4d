import {
  catchUpOutcomes,
  OUTCOME_TABLE_NAMES,
  outcomeCsv,
  parseOutcomeTableName,
} from '@dun/service'
import { jsonError } from '@/lib/server/json-error'
import { guardRead } from '@/lib/server/route-guard'
import { serviceContext } from '@/lib/server/service-context'

/**
 * One Outcomes table as CSV (the runner API's `format=csv`, same columns and file name),
 * after catching up a little without waiting for the outcomes job. Amounts stay in minor
 * units of their own currency.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ table: string }> },
): Promise<Response> {
  const user = await guardRead('read')
  if (user instanceof Response) return user
  const { table: name } = await params
  const table = parseOutcomeTableName(name)
  if (!table) {
    return jsonError(404, 'unknown_table', `there is no outcomes table named "${name}"`, {
      hint: `ask for one of ${OUTCOME_TABLE_NAMES.join(', ')}`,
    })
  }
  const ctx = await serviceContext()
  await catchUpOutcomes(ctx)
  return new Response(await outcomeCsv(ctx, table), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
      'cache-control': 'no-store',
    },
  })
}
