import type { CardAction } from './timeline-model'

/** A glyph for a card (plain symbols: the machines have no emoji font), by its first channel or its action, with the name read aloud. */
export interface CardIcon {
  readonly glyph: string
  readonly name: string
}

const CHANNEL_ICONS: Record<string, CardIcon> = {
  email: { glyph: '✉', name: 'email' },
  sms: { glyph: '✆', name: 'SMS' },
  letter: { glyph: '✎', name: 'letter' },
  webhook: { glyph: '⇄', name: 'webhook' },
  in_app: { glyph: '◉', name: 'in-app notice' },
}

const ACTION_ICONS: Record<CardAction['kind'], CardIcon> = {
  notify: { glyph: '✉', name: 'message' },
  call: { glyph: '☎', name: 'call' },
  retry: { glyph: '↻', name: 'payment retry' },
  task: { glyph: '☑', name: 'task' },
  escalate: { glyph: '⚑', name: 'escalation' },
  offerPlan: { glyph: '▦', name: 'payment plan offer' },
  offerPartial: { glyph: '½', name: 'partial payment offer' },
  lateFee: { glyph: '$', name: 'late fee' },
  account: { glyph: '⊘', name: 'account action' },
}

export function cardIcon(action: CardAction): CardIcon {
  const channel = action.channels[0]
  return (channel !== undefined ? CHANNEL_ICONS[channel] : undefined) ?? ACTION_ICONS[action.kind]
}

/** The card's headline: the template for messages and calls, else the action's words. */
export function cardTitle(action: CardAction): string {
  if (action.kind === 'notify' && action.template !== null) {
    return `${action.channels.join(', ')} "${action.template}"`
  }
  if (action.kind === 'call' && action.template !== null) return `call "${action.template}"`
  return action.text
}
