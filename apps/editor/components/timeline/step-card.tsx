'use client'
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { cardIcon, cardTitle } from '@/lib/timeline/card-look'
import type { TimelineCard } from '@/lib/timeline/timeline-model'
import styles from './timeline.module.css'

interface StepCardProps {
  readonly card: TimelineCard
  readonly segment: string
  readonly editable: boolean
  readonly selected: boolean
  readonly onSelect: () => void
  readonly onMove: (day: number) => void
  /** The day under the pointer while dragging (null when the drag ends). */
  readonly onDragOver: (day: number | null) => void
}

/** A pointer has to travel this far before a press becomes a drag (a click stays a click). */
const DRAG_THRESHOLD_PX = 4

/**
 * A step on the day axis. Drag it to another day with the pointer, or focus it and press
 * ←/→ (or ↑/↓) to move it a day; Enter opens its form.
 */
export function StepCard({
  card,
  segment,
  editable,
  selected,
  onSelect,
  onMove,
  onDragOver,
}: StepCardProps) {
  const button = useRef<HTMLButtonElement>(null)
  const drag = useRef<{ x: number; y: number; day: number | null; moved: boolean } | null>(null)
  const justDragged = useRef(false)
  const icon = cardIcon(card.action)
  const title = cardTitle(card.action)

  // A moved card is a new element on another row: give it back the focus it had.
  useEffect(() => {
    if (selected) button.current?.focus()
  }, [selected, card.day])

  const dayUnder = (event: PointerEvent): number | null => {
    const row = document
      .elementsFromPoint(event.clientX, event.clientY)
      .map((element) => element.closest<HTMLElement>('[data-day]'))
      .find((element) => element?.closest(`[data-segment="${CSS.escape(segment)}"]`))
    return row ? Number(row.dataset.day) : null
  }

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (!editable || event.button !== 0) return
    drag.current = { x: event.clientX, y: event.clientY, day: null, moved: false }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const state = drag.current
    if (!state) return
    const distance = Math.hypot(event.clientX - state.x, event.clientY - state.y)
    if (!state.moved && distance < DRAG_THRESHOLD_PX) return
    state.moved = true
    state.day = dayUnder(event)
    onDragOver(state.day)
  }
  const onPointerUp = () => {
    const state = drag.current
    drag.current = null
    if (!state?.moved) return
    justDragged.current = true
    onDragOver(null)
    if (state.day !== null && state.day !== card.day) onMove(state.day)
  }
  const onClick = () => {
    // The click that ends a drag is not a selection.
    if (justDragged.current) justDragged.current = false
    else onSelect()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!editable) return
    const step = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key]
    if (step === undefined) return
    event.preventDefault()
    onMove(card.day + step)
  }

  const days = card.siblings.length > 0 ? ` (one of days ${card.siblings.join(', ')})` : ''
  return (
    <button
      ref={button}
      type="button"
      className={`${styles.card} ${selected ? styles.selected : ''}`}
      data-step-id={card.id}
      aria-pressed={selected}
      aria-label={`${icon.name}: ${title}, ${card.unit} ${card.offset}${days}${card.guard ? `, when ${card.guard}` : ''}${editable ? '. Arrow keys move it a day.' : ''}`}
      title={card.id}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        drag.current = null
        onDragOver(null)
      }}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <span className={styles.icon} aria-hidden>
        {icon.glyph}
      </span>
      <span className={styles.cardText}>
        <span className={styles.cardTitle}>{title}</span>
        {card.at !== null && <span className={styles.guard}>at {card.at}</span>}
        {card.guard !== null && <span className={styles.guard}>when {card.guard}</span>}
      </span>
    </button>
  )
}
