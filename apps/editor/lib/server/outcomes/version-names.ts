import type { ServiceContext } from '@dun/service'

/** How an analyst knows a policy version: "Card failures v3". */
export type VersionNames = ReadonlyMap<string, string>

export async function versionNames(ctx: ServiceContext): Promise<VersionNames> {
  const rows = await ctx.db
    .selectFrom('policy_versions as v')
    .innerJoin('policies as p', (j) =>
      j.onRef('p.workspace_id', '=', 'v.workspace_id').onRef('p.id', '=', 'v.policy_id'),
    )
    .select(['v.id', 'v.number', 'p.name'])
    .where('v.workspace_id', '=', ctx.workspace)
    .execute()
  return new Map(rows.map((r) => [r.id, `${r.name} v${r.number}`]))
}

/** The version's name, or its id when the version is gone. */
export function nameOf(names: VersionNames, id: string): string {
  return names.get(id) ?? id
}
