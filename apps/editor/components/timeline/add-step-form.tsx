'use client'
import { addStep, type NewAction } from '@dun/dsl'
import { useId, useState, type FormEvent } from 'react'
import type { RunEdit } from './timeline-panel'
import styles from './timeline.module.css'

/** The steps the form offers, each with the action it adds (a message or call takes a template). */
const CHOICES = {
  email: 'Email',
  sms: 'SMS',
  letter: 'Letter',
  webhook: 'Webhook',
  in_app: 'In-app notice',
  call: 'Call',
  retry: 'Retry payment',
  retryBackup: 'Retry payment using backup methods',
  suspend_subscription: 'Suspend subscription',
  cancel_subscription: 'Cancel subscription',
  block_changes: 'Block changes',
  write_off: 'Write off',
} as const
type Choice = keyof typeof CHOICES

function newAction(choice: Choice, template: string): NewAction {
  switch (choice) {
    case 'email':
    case 'sms':
    case 'letter':
    case 'webhook':
    case 'in_app':
      return { kind: 'notify', channels: [choice], template }
    case 'call':
      return { kind: 'call', script: template }
    case 'retry':
      return { kind: 'retry', methods: 'default' }
    case 'retryBackup':
      return { kind: 'retry', methods: 'backup' }
    case 'suspend_subscription':
    case 'cancel_subscription':
    case 'block_changes':
    case 'write_off':
      return { kind: 'account', operation: choice }
  }
}

interface AddStepFormProps {
  readonly segment: string
  readonly runEdit: RunEdit
  readonly onDone: () => void
}

export function AddStepForm({ segment, runEdit, onDone }: AddStepFormProps) {
  const id = useId()
  const [day, setDay] = useState('1')
  const [choice, setChoice] = useState<Choice>('email')
  const [template, setTemplate] = useState('')
  const action = newAction(choice, template)
  const needsTemplate = action.kind === 'notify' || action.kind === 'call'

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (runEdit((text) => addStep(text, segment, { day: Number(day), action }))) onDone()
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Add a step to ${segment}`}>
      <label htmlFor={`${id}-day`}>Day</label>
      <input
        id={`${id}-day`}
        type="number"
        step={1}
        value={day}
        onChange={(e) => setDay(e.target.value)}
        required
      />
      <label htmlFor={`${id}-action`}>Action</label>
      <select
        id={`${id}-action`}
        value={choice}
        onChange={(e) => setChoice(e.target.value as Choice)}
      >
        {Object.entries(CHOICES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {needsTemplate && (
        <>
          <label htmlFor={`${id}-template`}>
            {action.kind === 'call' ? 'Call script' : 'Template'}
          </label>
          <input
            id={`${id}-template`}
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            required
          />
        </>
      )}
      <button type="submit" className="primary">
        Add
      </button>
    </form>
  )
}
