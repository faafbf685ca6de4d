'use client'
import type { OutlineItem, SourceRange } from '@dun/dsl'

interface OutlinePanelProps {
  readonly items: readonly OutlineItem[]
  readonly onPick: (range: SourceRange) => void
}

/** Segments with their steps, then tests: a button each, which reveals it in the editor. */
export function OutlinePanel({ items, onPick }: OutlinePanelProps) {
  return (
    <section aria-labelledby="outline-heading" className="panel">
      <h2 id="outline-heading">Outline</h2>
      {items.length === 0 ? (
        <p className="muted">No segments or tests yet.</p>
      ) : (
        <OutlineList items={items} onPick={onPick} />
      )}
    </section>
  )
}

function OutlineList({ items, onPick }: OutlinePanelProps) {
  return (
    <ul className="outline">
      {items.map((item) => (
        <li key={`${item.kind}:${item.selectionRange.offset}`}>
          <button
            type="button"
            className={`outline-item outline-${item.kind}`}
            onClick={() => onPick(item.selectionRange)}
            title={item.detail}
          >
            <span className="outline-kind">{item.kind}</span> {item.name}
          </button>
          {item.children.length > 0 && <OutlineList items={item.children} onPick={onPick} />}
        </li>
      ))}
    </ul>
  )
}
