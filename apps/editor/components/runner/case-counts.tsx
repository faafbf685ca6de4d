/** Cases per state as a definition list the tests and screen readers can read. */
export function CaseCounts({ counts }: { counts: Readonly<Record<string, number>> }) {
  const entries = Object.entries(counts)
  if (entries.length === 0) return <p className="muted">No dunning cases yet.</p>
  return (
    <dl className="case-counts" data-testid="case-counts">
      {entries.map(([state, n]) => (
        <div key={state} className="case-count">
          <dt>{state}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  )
}
