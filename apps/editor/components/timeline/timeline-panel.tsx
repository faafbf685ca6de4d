'use client'
import type { EditResult, TextEdit } from '@dun/dsl'
import { useEffect, useState } from 'react'
import { drawTimeline, type TimelineModel } from '@/lib/timeline/timeline-model'
import { LimitBadges } from './limit-badges'
import { SegmentLane } from './segment-lane'
import styles from './timeline.module.css'

export interface TimelinePanelProps {
  /** The text the editor last checked; the picture is drawn from it. */
  readonly text: string | null
  readonly readOnly: boolean
  /** The editor's text right now (it may be newer than `text`): edits apply to it. */
  readonly currentText: () => string
  /** Applies an edit's text edits to the editor as one undoable step. */
  readonly applyEdits: (edits: readonly TextEdit[]) => void
}

/** What a lane asks of the panel: run one edit against the current text (true: applied). */
export type RunEdit = (edit: (text: string) => EditResult) => boolean

/**
 * The policy as a picture beside the text: limits as badges, then per segment a day axis
 * with each step as a card. Every change here is a @dun/dsl edit of the whole text (re-printed
 * by the formatter, comments kept), applied to Monaco as one undoable edit; the picture is
 * then redrawn from the text like any typed change.
 */
export function TimelinePanel({ text, readOnly, currentText, applyEdits }: TimelinePanelProps) {
  const [model, setModel] = useState<TimelineModel | null>(null)
  const [brokenErrors, setBrokenErrors] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)

  useEffect(() => {
    if (text === null) return
    const drawing = drawTimeline(text)
    if (drawing.kind === 'drawn') {
      setModel(drawing.model)
      setBrokenErrors(0)
    } else {
      setBrokenErrors(drawing.errors)
    }
  }, [text])

  const runEdit: RunEdit = (edit) => {
    const result = edit(currentText())
    if (result.kind === 'refused') {
      setRefusal(`${result.message} ${result.hint}`)
      return false
    }
    setRefusal(null)
    setSelected(result.stepId)
    applyEdits(result.edits)
    return true
  }

  const editable = !readOnly && brokenErrors === 0
  return (
    <section aria-labelledby="timeline-heading" className={`panel ${styles.timeline}`}>
      <h2 id="timeline-heading">Timeline</h2>
      <div role="status" aria-live="polite" data-testid="timeline-status">
        {brokenErrors > 0 && (
          <p className={styles.notice}>
            The text has {brokenErrors} syntax {brokenErrors === 1 ? 'error' : 'errors'}: this is
            the last picture that parsed. Fix the text to edit the timeline again.
          </p>
        )}
        {refusal !== null && <p className={styles.refusal}>Not changed: {refusal}</p>}
      </div>
      {model === null ? (
        <p className="muted">Nothing to draw yet.</p>
      ) : (
        <>
          <LimitBadges limits={model.limits} />
          {model.segments.map((segment, index) => (
            <SegmentLane
              key={segment.name}
              segment={segment}
              index={index}
              count={model.segments.length}
              editable={editable}
              selected={selected}
              onSelect={setSelected}
              runEdit={runEdit}
            />
          ))}
        </>
      )}
    </section>
  )
}
