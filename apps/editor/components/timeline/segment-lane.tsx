'use client'
import { moveSegment, moveStep } from '@dun/dsl'
import { useState } from 'react'
import { dayRows, offsetOnDay } from '@/lib/timeline/day-axis'
import type { TimelineCard, TimelineSegment } from '@/lib/timeline/timeline-model'
import { AddStepForm } from './add-step-form'
import { StepCard } from './step-card'
import { StepForm } from './step-form'
import type { RunEdit } from './timeline-panel'
import styles from './timeline.module.css'

interface SegmentLaneProps {
  readonly segment: TimelineSegment
  readonly index: number
  readonly count: number
  readonly editable: boolean
  readonly selected: string | null
  readonly onSelect: (id: string | null) => void
  readonly runEdit: RunEdit
}

/** One segment: its predicate, reorder buttons, and a day axis (one row per day) of cards. */
export function SegmentLane(props: SegmentLaneProps) {
  const { segment, index, count, editable, selected, onSelect, runEdit } = props
  const [dropDay, setDropDay] = useState<number | null>(null)
  const [adding, setAdding] = useState(false)
  const chosen = segment.cards.find((c) => c.id === selected)
  const move = (card: TimelineCard, day: number) =>
    runEdit((text) => moveStep(text, card.id, offsetOnDay(card, day)))
  const reorder = (to: number) => runEdit((text) => moveSegment(text, segment.name, to))

  return (
    <section
      className={styles.lane}
      aria-label={`Segment ${segment.name}`}
      data-segment={segment.name}
    >
      <header className={styles.laneHeader}>
        <h3>
          {index + 1}. {segment.name}
        </h3>
        {editable && (
          <span className={styles.laneButtons}>
            <button
              type="button"
              disabled={index === 0}
              onClick={() => reorder(index - 1)}
              aria-label={`Move segment ${segment.name} up`}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={index === count - 1}
              onClick={() => reorder(index + 1)}
              aria-label={`Move segment ${segment.name} down`}
            >
              ↓
            </button>
            <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
              Add step
            </button>
          </span>
        )}
      </header>
      <p className={styles.predicate}>
        {segment.predicate === null ? 'Everyone else' : `When ${segment.predicate}`}
        {segment.anchor !== null &&
          ` · days from ${segment.anchor === 'due' ? 'the due date' : 'the first failure'}`}
      </p>
      {adding && editable && (
        <AddStepForm segment={segment.name} runEdit={runEdit} onDone={() => setAdding(false)} />
      )}
      <ol className={styles.axis} aria-label={`Days of segment ${segment.name}`}>
        {dayRows(segment).map((row) => (
          <li
            key={row.day}
            data-day={row.day}
            className={`${styles.dayRow} ${row.cards.length > 0 ? styles.busy : ''} ${dropDay === row.day ? styles.drop : ''}`}
          >
            <span className={styles.dayLabel} aria-hidden={row.cards.length === 0}>
              {row.cards.length > 0 || row.day % 7 === 0 ? `day ${row.day}` : ''}
            </span>
            <span className={styles.cards}>
              {row.cards.map((card) => (
                <StepCard
                  key={card.id}
                  card={card}
                  segment={segment.name}
                  editable={editable}
                  selected={card.id === selected}
                  onSelect={() => onSelect(card.id === selected ? null : card.id)}
                  onMove={(day) => move(card, day)}
                  onDragOver={setDropDay}
                />
              ))}
            </span>
          </li>
        ))}
      </ol>
      {chosen && editable && (
        <StepForm key={chosen.id} card={chosen} runEdit={runEdit} onClose={() => onSelect(null)} />
      )}
    </section>
  )
}
