/**
 * A money amount in every policy currency, as snippet text with tab stops from `firstStop`:
 * `${1:100} USD | ${2:100} EUR`. Amounts are per currency (no exchange rates), so each
 * currency gets its own stop.
 */
export function moneySnippet(currencies: readonly string[], firstStop: number): string {
  const listed = currencies.length > 0 ? currencies : ['USD']
  return listed.map((currency, i) => `\${${firstStop + i}:100} ${currency}`).join(' | ')
}
