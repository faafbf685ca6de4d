import { prepare, type FastPolicy } from '@dun/engine'
import { findVersion, type Db } from '@dun/store'

/** A published version, prepared for evaluation. */
export interface PreparedVersion {
  readonly id: string
  readonly createdAt: number
  readonly policy: FastPolicy
}

// Versions are immutable once published, so a prepared policy never goes stale; the LRU
// only bounds memory when many versions have open cases. Module-level: every batch and
// every on-demand evaluation in the process shares it.
const CAPACITY = 64
const cache = new Map<string, PreparedVersion>()

/** The versions with these ids, prepared once per process (loaded only on a miss). */
export async function preparedVersions(
  db: Db,
  workspace: string,
  ids: Iterable<string>,
): Promise<Map<string, PreparedVersion>> {
  const found = new Map<string, PreparedVersion>()
  for (const id of ids) {
    if (found.has(id)) continue
    found.set(id, cached(workspace, id) ?? (await load(db, workspace, id)))
  }
  return found
}

function cached(workspace: string, id: string): PreparedVersion | undefined {
  const key = `${workspace}\u0000${id}`
  const hit = cache.get(key)
  if (hit) {
    // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
    cache.delete(key)
    cache.set(key, hit)
  }
  return hit
}

async function load(db: Db, workspace: string, id: string): Promise<PreparedVersion> {
  const row = await findVersion(db, workspace, id)
  if (!row) {
    throw new Error(
      `policy version ${id} is pinned by an open case but does not exist in workspace "${workspace}"; restore the version or close its cases`,
    )
  }
  const prepared = { id, createdAt: row.created_at.getTime(), policy: prepare(row.compiled) }
  cache.set(`${workspace}\u0000${id}`, prepared)
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!)
  return prepared
}
