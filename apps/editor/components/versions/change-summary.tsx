import type { DescribedChange } from '@dun/dsl'

/** The plain-language list of what changed between two versions. */
export function ChangeSummary({ changes }: { changes: readonly DescribedChange[] }) {
  if (changes.length === 0) {
    return (
      <p data-testid="change-summary">
        No change in behaviour: the two versions differ at most in layout and comments.
      </p>
    )
  }
  return (
    <ul className="change-summary" data-testid="change-summary">
      {changes.map((change, i) => (
        <li key={i} className={`change change-${change.kind}`}>
          {change.text}
        </li>
      ))}
    </ul>
  )
}
