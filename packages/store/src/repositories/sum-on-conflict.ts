import { sql, type RawBuilder } from 'kysely'
import type { Database } from '../database.js'

type ColumnOf<T extends keyof Database> = keyof Database[T] & string

/**
 * The `on conflict (keys) do update set c = table.c + excluded.c` clause of an insert that
 * adds deltas to a rollup: a row already there for those keys gets each summed column
 * increased by the inserted value. Only identifiers, quoted by kysely; no values.
 */
export function sumOnConflict<T extends keyof Database & string>(
  table: T,
  keys: readonly ColumnOf<T>[],
  sums: readonly ColumnOf<T>[],
): RawBuilder<unknown> {
  const additions = sums.map(
    (column) => sql`${sql.id(column)} = ${sql.id(table, column)} + excluded.${sql.id(column)}`,
  )
  return sql`on conflict (${sql.join(keys.map((key) => sql.id(key)))}) do update set ${sql.join(additions)}`
}
