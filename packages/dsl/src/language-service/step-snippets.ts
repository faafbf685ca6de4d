import type { ActionNode } from '../ast.js'

/** A whole step written out, with tab stops the editor walks through. */
export interface StepSnippet {
  readonly label: string
  readonly detail: string
  /** After `day `: offsets, action and its arguments, as Monaco snippet text. */
  readonly body: string
}

/**
 * One typical step per action kind, keyed by the AST's action kinds so that a new action
 * breaks the build until it has a snippet. `money` is the policy's money placeholder.
 */
export function stepSnippets(money: string): Record<ActionNode['kind'], StepSnippet> {
  return {
    notify: {
      label: 'day N email "template"',
      detail: 'send a message',
      body: '${1:3} ${2|email,sms,letter,webhook,in_app|} "${3:template}"',
    },
    call: {
      label: 'day N call "script"',
      detail: 'a call to make',
      body: '${1:10} call "${2:script}"',
    },
    retry: {
      label: 'day N retry payment',
      detail: 'retry the payment',
      body: '${1:1} retry payment',
    },
    task: {
      label: 'day N task "title" for "role"',
      detail: 'a task for a team',
      body: '${1:12} task "${2:title}" for "${3:role}"',
    },
    escalate: {
      label: 'day N escalate to collections',
      detail: 'hand over the invoice',
      body: '${1:30} escalate to ${2|collections,agency|}',
    },
    offerPlan: {
      label: 'day N offer payment plan',
      detail: 'offer instalments',
      body: '${1:20} offer payment plan ${2:3} instalments every ${3:30} days',
    },
    offerPartial: {
      label: 'day N offer partial payment',
      detail: 'a partial-payment link',
      body: '${1:15} offer partial payment min ${2:25}%',
    },
    lateFee: {
      label: 'day N late fee',
      detail: 'add a late fee',
      body: `\${1:30} late fee ${money}`,
    },
    account: {
      label: 'day N suspend subscription',
      detail: 'an account action',
      body: '${1:14} ${2|suspend subscription,cancel subscription,block changes,write off|}',
    },
  }
}
