import { CHANNELS, isChannel } from '@dun/engine'
import type {
  DurationLiteral,
  LateFeeNode,
  NotifyNode,
  OfferPlanNode,
  StringLiteral,
} from '../ast.js'
import { CODES } from '../codes.js'
import { didYouMean, didYouMeanPhrase, listChoices } from '../did-you-mean.js'
import { fixesFor, type CheckSet, type Report } from './registry.js'

const MINUTES_PER_UNIT = { minute: 1, hour: 60, day: 1440, week: 10080 } as const

/** Whole days in a duration, or null when it is not a positive whole number of days. */
export function wholeDays(duration: DurationLiteral): number | null {
  const days = (duration.value * MINUTES_PER_UNIT[duration.unit]) / MINUTES_PER_UNIT.day
  return Number.isInteger(days) && days > 0 ? days : null
}

/** A template, script or name that is `""` cannot be looked up by anyone. */
function requireText(
  literal: StringLiteral | null,
  what: string,
  example: string,
  report: Report,
): void {
  if (literal === null || literal.value.trim() !== '') return
  report({
    code: CODES.emptyText,
    at: literal,
    message: `The ${what} is empty.`,
    hint: `Name the ${what}, e.g. ${example}.`,
  })
}

function checkNotify(node: NotifyNode, report: Report): void {
  for (const channel of node.channels) {
    if (isChannel(channel.text)) continue
    const suggestion = didYouMean(channel.text, CHANNELS)
    report({
      code: CODES.unknownChannel,
      at: channel,
      message: `'${channel.text}' is not a channel.${didYouMeanPhrase(suggestion)}`,
      hint: `Channels are ${listChoices(CHANNELS)}.`,
      ...fixesFor(channel, [suggestion]),
    })
  }
  requireText(node.template, 'template', '"payment-failed"', report)
}

function checkPlan(node: OfferPlanNode, report: Report): void {
  if (node.instalments < 2) {
    report({
      code: CODES.tooFewInstalments,
      at: node,
      message: `A payment plan of ${node.instalments} instalment${node.instalments === 1 ? '' : 's'} is not a plan.`,
      hint: 'Offer 2 or more instalments, or ask for the full amount with a message.',
    })
  }
  if (node.every !== null && wholeDays(node.every) === null) {
    report({
      code: CODES.zeroDuration,
      at: node.every,
      message: 'Instalments must be a whole number of days apart, and more than 0.',
      hint: 'Write e.g. every 30 days or every 2 weeks.',
    })
  }
}

function checkPercent(
  value: number | null,
  at: { readonly range: LateFeeNode['range'] },
  what: string,
  report: Report,
): void {
  if (value === null || (value >= 0 && value <= 100)) return
  report({
    code: CODES.percentOutOfRange,
    at,
    message: `${value}% is not a valid ${what}: percentages go from 0 to 100.`,
    hint: `Write a ${what} between 0% and 100%.`,
  })
}

export const actionChecks: CheckSet = {
  notify: [checkNotify],
  call: [(node, report) => requireText(node.script, 'call script', '"account-manager"', report)],
  task: [
    (node, report) => requireText(node.title, 'task title', '"Review the account"', report),
    (node, report) => requireText(node.assignee, 'assignee role', '"credit-control"', report),
  ],
  escalate: [
    (node, report) => requireText(node.agency, 'agency name', '"Acme Recoveries"', report),
  ],
  offerPlan: [checkPlan],
  offerPartial: [(node, report) => checkPercent(node.minimumPercent, node, 'minimum', report)],
  lateFee: [
    (node, report) =>
      node.fee.kind === 'percent' && checkPercent(node.fee.value, node.fee, 'late fee', report),
  ],
}
