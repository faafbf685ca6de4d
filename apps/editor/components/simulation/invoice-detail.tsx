'use client'
import { useEffect, useRef } from 'react'
import { describeAction, formatMoney, type Decision, type TimelineEntry } from '@dun/engine'
import type { InvoiceStory } from '@/lib/simulation/invoice-story'
import { SERIES_COLORS } from './chart-colors'
import { TraceView } from './trace-view'

const DAY_MS = 86_400_000
const WIDTH = 720
const HEIGHT = 70

/**
 * One invoice under one policy: its steps on a day axis counted from the due date, the
 * list of them, and, for a chosen one, the engine's decision with its per-rule trace.
 */
export function InvoiceDetail({
  labels,
  policy,
  story,
  explained,
  onPolicy,
  onExplain,
  onClose,
}: {
  labels: readonly string[]
  policy: number
  story: InvoiceStory
  explained: { at: number; decision: Decision | null } | null
  onPolicy: (policy: number) => void
  onExplain: (at: number) => void
  onClose: () => void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  // Opened from the list far below: bring it into view and move the focus to it.
  useEffect(() => heading.current?.focus(), [story.invoiceId])
  const dayOf = (at: number) => Math.floor((at - story.dueAt) / DAY_MS)
  const times = [story.issuedAt, story.dueAt, ...story.timeline.map(timeOf)]
  if (story.paidAt !== null) times.push(story.paidAt)
  const first = Math.min(...times.map(dayOf), 0)
  const last = Math.max(...times.map(dayOf), first + 1)
  const x = (at: number) => 20 + ((dayOf(at) - first) / (last - first)) * (WIDTH - 40)
  return (
    <section
      aria-labelledby="invoice-heading"
      className="invoice-detail"
      data-testid="invoice-detail"
    >
      <div className="page-heading">
        <h2 id="invoice-heading" ref={heading} tabIndex={-1}>
          Invoice {story.invoiceId} · {story.customerId} ·{' '}
          {formatMoney(story.amountDue, story.currency)}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {labels.length > 1 && (
        <div role="group" aria-label="Policy" className="tabs">
          {labels.map((label, index) => (
            <button
              key={label}
              type="button"
              aria-pressed={index === policy}
              className={index === policy ? 'primary' : ''}
              onClick={() => onPolicy(index)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      <p>
        Issued {day(story.issuedAt)}, due {day(story.dueAt)},{' '}
        {story.paidAt === null ? 'never paid' : `paid ${day(story.paidAt)}`} (as it really
        happened).
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Timeline of ${story.invoiceId}: ${story.timeline.length} steps`}
        className="invoice-timeline"
      >
        <line x1={20} x2={WIDTH - 20} y1={35} y2={35} className="axis" />
        <Marker x={x(story.dueAt)} label="due" />
        {story.paidAt !== null && <Marker x={x(story.paidAt)} label="paid" />}
        {story.timeline.map((entry, i) => (
          <circle
            key={i}
            cx={x(timeOf(entry))}
            cy={35}
            r={6}
            fill={entry.kind === 'executed' ? SERIES_COLORS[policy] : 'white'}
            stroke={SERIES_COLORS[policy]}
            strokeWidth={2}
          >
            <title>{`day ${dayOf(timeOf(entry))}: ${describeAction(entry.action)} (${entry.kind})`}</title>
          </circle>
        ))}
        <text x={20} y={HEIGHT - 4} className="label">
          day {first}
        </text>
        <text x={WIDTH - 20} y={HEIGHT - 4} textAnchor="end" className="label">
          day {last}
        </text>
      </svg>
      <ol className="steps" aria-label="Steps of this invoice">
        {story.timeline.map((entry, i) => (
          <li key={i}>
            <span className="step-when">
              day {dayOf(timeOf(entry))} · {time(timeOf(entry))}
            </span>{' '}
            <strong>{describeAction(entry.action)}</strong>{' '}
            <span className="muted">{entry.segment}</span>{' '}
            <span className={`kind kind-${entry.kind}`}>{describeEntry(entry)}</span>{' '}
            <button type="button" onClick={() => onExplain(timeOf(entry))}>
              Explain this decision
            </button>
          </li>
        ))}
      </ol>
      {story.timeline.length === 0 && <p>This policy took no step on this invoice.</p>}
      {explained && <TraceView at={explained.at} decision={explained.decision} />}
    </section>
  )
}

function Marker({ x, label }: { x: number; label: string }) {
  return (
    <g>
      <line x1={x} x2={x} y1={18} y2={52} className="marker" />
      <text x={x} y={13} textAnchor="middle" className="label">
        {label}
      </text>
    </g>
  )
}

function timeOf(entry: TimelineEntry): number {
  switch (entry.kind) {
    case 'executed':
      return entry.executedAt
    case 'deferred':
    case 'skipped':
      return entry.at
  }
}

function describeEntry(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'executed':
      return 'performed'
    case 'deferred':
      return `deferred (${entry.reason.replace('_', ' ')}) until ${time(entry.earliestAt)}`
    case 'skipped':
      return `skipped (${entry.reason.replace('_', ' ')})`
  }
}

function day(at: number): string {
  return new Date(at).toISOString().slice(0, 10)
}

function time(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
