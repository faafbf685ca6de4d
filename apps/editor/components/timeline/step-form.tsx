'use client'
import { moveStep, removeStep, setStepChannels, setStepTemplate } from '@dun/dsl'
import { CHANNELS } from '@dun/engine'
import { useId, useState, type FormEvent } from 'react'
import { offsetOnDay } from '@/lib/timeline/day-axis'
import type { TimelineCard } from '@/lib/timeline/timeline-model'
import type { RunEdit } from './timeline-panel'
import styles from './timeline.module.css'

interface StepFormProps {
  readonly card: TimelineCard
  readonly runEdit: RunEdit
  readonly onClose: () => void
}

/** The selected card's form: move it to a day, change its channels or template, remove it. */
export function StepForm({ card, runEdit, onClose }: StepFormProps) {
  const id = useId()
  const [day, setDay] = useState(String(card.day))
  const [template, setTemplate] = useState(card.action.template ?? '')
  const [channels, setChannels] = useState<readonly string[]>(card.action.channels)
  const hasTemplate = card.action.kind === 'notify' || card.action.kind === 'call'

  const submit = (edit: Parameters<RunEdit>[0]) => (event: FormEvent) => {
    event.preventDefault()
    runEdit(edit)
  }
  const toggle = (channel: string) =>
    setChannels(
      channels.includes(channel) ? channels.filter((c) => c !== channel) : [...channels, channel],
    )

  return (
    <div className={styles.form} role="group" aria-label={`Edit step ${card.id}`}>
      <p className={styles.formTitle}>
        <code>{card.id}</code>
        {card.siblings.length > 0 && <> · fires on days {card.siblings.join(', ')}</>}
      </p>
      <form onSubmit={submit((text) => moveStep(text, card.id, offsetOnDay(card, Number(day))))}>
        <label htmlFor={`${id}-day`}>Move to day</label>
        <input
          id={`${id}-day`}
          type="number"
          step={1}
          value={day}
          onChange={(e) => setDay(e.target.value)}
          required
        />
        <button type="submit">Move</button>
      </form>
      {card.action.kind === 'notify' && (
        <form onSubmit={submit((text) => setStepChannels(text, card.id, channels))}>
          <fieldset className={styles.channels}>
            <legend>Channels</legend>
            {CHANNELS.map((channel) => (
              <label key={channel}>
                <input
                  type="checkbox"
                  checked={channels.includes(channel)}
                  onChange={() => toggle(channel)}
                />
                {channel}
              </label>
            ))}
          </fieldset>
          <button type="submit">Set channels</button>
        </form>
      )}
      {hasTemplate && (
        <form onSubmit={submit((text) => setStepTemplate(text, card.id, template))}>
          <label htmlFor={`${id}-template`}>
            {card.action.kind === 'call' ? 'Call script' : 'Template'}
          </label>
          <input
            id={`${id}-template`}
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            required
          />
          <button type="submit">Set template</button>
        </form>
      )}
      <div className={styles.formButtons}>
        <button
          type="button"
          className={styles.danger}
          onClick={() => runEdit((text) => removeStep(text, card.id))}
        >
          Remove step
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  )
}
