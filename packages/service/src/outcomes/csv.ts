/**
 * A text cell a spreadsheet would run as a formula (or a DDE command): template names and
 * step labels are free text from policies. OWASP's guidance: prefix such a cell with `'`.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * RFC 4180 CSV: a field with a comma, quote or line break is quoted, quotes doubled. Text
 * that starts like a formula is prefixed with `'`; numbers (typed as numbers, negative ones
 * too) are written as they are.
 */
function field(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutralized(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function neutralized(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return [columns, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n'
}
