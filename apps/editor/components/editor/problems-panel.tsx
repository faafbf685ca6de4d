'use client'
import type { Diagnostic, SourceRange } from '@dun/dsl'

interface ProblemsPanelProps {
  readonly diagnostics: readonly Diagnostic[]
  readonly onPick: (range: SourceRange) => void
}

/**
 * The checker's diagnostics as a list beside the squiggles: readable by a screen reader,
 * reachable by keyboard, each a button that puts the cursor on the problem.
 */
export function ProblemsPanel({ diagnostics, onPick }: ProblemsPanelProps) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  return (
    <section aria-labelledby="problems-heading" className="panel">
      <h2 id="problems-heading">
        Problems{' '}
        <span className="count" data-testid="problem-count">
          {diagnostics.length === 0
            ? 'none'
            : `${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} other`}
        </span>
      </h2>
      <ul className="problems">
        {diagnostics.map((d) => (
          <li key={`${d.code}:${d.range.offset}:${d.message}`}>
            <button
              type="button"
              className={`problem problem-${d.severity}`}
              onClick={() => onPick(d.range)}
            >
              <span className="problem-where">
                {d.severity} {d.code} · line {d.range.line}:{d.range.column}
              </span>
              <span className="problem-message">{d.message}</span>
              {d.hint && <span className="problem-hint">Hint: {d.hint}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
