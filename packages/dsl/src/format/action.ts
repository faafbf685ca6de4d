import type { ActionNode, StringLiteral } from '../ast.js'
import { printDuration, printMoney, printPercent, printString } from './literals.js'

const ACCOUNT_WORDS = {
  suspend_subscription: 'suspend subscription',
  cancel_subscription: 'cancel subscription',
  block_changes: 'block changes',
  write_off: 'write off',
} as const

/** An action in its canonical words: the optional `notify` prefix is dropped. */
export function printAction(action: ActionNode): string {
  switch (action.kind) {
    case 'notify':
      return words(action.channels.map((channel) => channel.text).join(', '), action.template)
    case 'call':
      return words('call', action.script)
    case 'retry':
      return action.methods === 'backup' ? 'retry payment using backup methods' : 'retry payment'
    case 'task':
      return words('task', action.title, action.assignee && 'for', action.assignee)
    case 'escalate':
      return action.to === 'agency'
        ? words('escalate to agency', action.agency)
        : 'escalate to collections'
    case 'offerPlan':
      return words(
        `offer payment plan ${action.instalments} instalments`,
        action.every && `every ${printDuration(action.every)}`,
      )
    case 'offerPartial':
      return words(
        'offer partial payment',
        action.minimumPercent === null ? null : `min ${printPercent(action.minimumPercent)}`,
      )
    case 'lateFee':
      return `late fee ${action.fee.kind === 'money' ? printMoney(action.fee) : printPercent(action.fee.value)}`
    case 'account':
      return ACCOUNT_WORDS[action.operation]
  }
}

/** Joins the words that are present with single spaces; string literals are quoted. */
function words(...parts: readonly (string | StringLiteral | null)[]): string {
  return parts
    .filter((part) => part !== null)
    .map((part) => (typeof part === 'string' ? part : printString(part.value)))
    .join(' ')
}
