/**
 * The rows with each named bigint column as a number: pg returns bigint (and sums of it)
 * as strings, while the row types promise numbers.
 */
export function bigintsAsNumbers<K extends string, R extends Record<K, number>>(
  rows: readonly R[],
  columns: readonly K[],
): R[] {
  return rows.map((row) => {
    const converted = { ...row }
    for (const column of columns) converted[column] = Number(row[column]) as R[K]
    return converted
  })
}
