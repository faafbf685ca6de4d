import { actionKey, type Action } from '../action.js'
import type { ContactKind } from '../channels.js'

/**
 * Two due steps of one case with the same key do the same thing: only the latest-scheduled
 * one runs (a runner that was down must not send three reminders at once). Every payment
 * retry shares one key, whatever the method: retrying twice at the same moment is pointless.
 */
export function supersedeKey(action: Action): string {
  return action.type === 'retry_payment' ? 'retry' : actionKey(action)
}

/** The contacts an action makes with the customer: one per notify channel, or one call. */
export function contactKinds(action: Action): readonly ContactKind[] {
  switch (action.type) {
    case 'notify':
      return action.channels
    case 'call':
      return CALL
    case 'retry_payment':
    case 'task':
    case 'escalate':
    case 'offer_plan':
    case 'offer_partial_payment':
    case 'late_fee':
    case 'account':
      return NONE
  }
}

const CALL: readonly ContactKind[] = ['call']
const NONE: readonly ContactKind[] = []
