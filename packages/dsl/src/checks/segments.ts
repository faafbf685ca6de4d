import type { Policy, Segment } from '../ast.js'
import { CODES } from '../codes.js'
import { constantTruth } from './constant.js'
import { expressionKey } from './expression-key.js'
import type { CheckSet, Report } from './registry.js'

/** A segment every case reaches: no `when`, or a `when` that always holds. */
function isCatchAll(segment: Segment): boolean {
  return segment.when === null || constantTruth(segment.when) === true
}

/**
 * Segments are tried in order and the first match wins, so reachability is a question
 * about the segments before: a catch-all, the same predicate, or a predicate never true.
 */
function checkSegmentOrder(policy: Policy, report: Report): void {
  const byKey = new Map<string, Segment>()
  const names = new Set<string>()
  let catchAll: Segment | null = null
  let last: Segment | null = null
  for (const segment of policy.items) {
    if (segment.kind !== 'segment') continue
    last = segment
    if (names.has(segment.name.text)) {
      report({
        code: CODES.duplicateSegment,
        at: segment.name,
        message: `There is already a segment named '${segment.name.text}'.`,
        hint: 'Give each segment its own name: step ids and reports use it.',
      })
    }
    names.add(segment.name.text)
    if (catchAll !== null) {
      reportAfterCatchAll(segment, catchAll, report)
      continue
    }
    if (isCatchAll(segment)) catchAll = segment
    else reportUnmatchable(segment, byKey, report)
  }
  if (last !== null && catchAll === null) {
    report({
      code: CODES.missingCatchAll,
      at: last.name,
      message: `No segment catches the cases no other segment matches: those invoices get no dunning.`,
      hint: 'Add a last segment without `when`, e.g. segment everyone { day 1 email "reminder" }.',
    })
  }
  if (last === null) {
    report({
      code: CODES.noSegments,
      at: policy.name ?? policy,
      message: 'The policy has no segments, so it never does anything.',
      hint: 'Add a segment with steps, e.g. segment everyone { day 1 email "reminder" }.',
    })
  }
}

function reportAfterCatchAll(segment: Segment, catchAll: Segment, report: Report): void {
  if (segment.when === null && catchAll.when === null) {
    report({
      code: CODES.secondCatchAll,
      at: segment.name,
      message: `Segment '${segment.name.text}' is a second catch-all: '${catchAll.name.text}' already takes every remaining case.`,
      hint: `Merge its steps into '${catchAll.name.text}', or give it a 'when' and move it above.`,
    })
    return
  }
  report({
    code: CODES.unreachableSegment,
    at: segment.name,
    message: `Segment '${segment.name.text}' is never reached: '${catchAll.name.text}' before it takes every case.`,
    hint: `Move '${segment.name.text}' above '${catchAll.name.text}'.`,
  })
}

function reportUnmatchable(segment: Segment, byKey: Map<string, Segment>, report: Report): void {
  if (segment.when === null) return
  if (constantTruth(segment.when) === false) {
    report({
      code: CODES.unreachableSegment,
      at: segment.when,
      message: `Segment '${segment.name.text}' is never reached: its condition is always false.`,
      hint: 'Write a condition on facts, e.g. customer.plan == "enterprise".',
    })
    return
  }
  const key = expressionKey(segment.when)
  const earlier = byKey.get(key)
  if (earlier === undefined) {
    byKey.set(key, segment)
    return
  }
  report({
    code: CODES.unreachableSegment,
    at: segment.name,
    message: `Segment '${segment.name.text}' is never reached: '${earlier.name.text}' has the same condition and comes first.`,
    hint: `Merge it into '${earlier.name.text}', or change its condition.`,
  })
}

function checkEmptySegment(segment: Segment, report: Report): void {
  if (segment.steps.length > 0) return
  report({
    code: CODES.emptySegment,
    at: segment.name,
    message: `Segment '${segment.name.text}' has no steps: its cases get no dunning at all.`,
    hint: 'Add steps, e.g. day 1 email "reminder"; if no dunning is intended, say so in a comment.',
  })
}

export const segmentChecks: CheckSet = {
  policy: [checkSegmentOrder],
  segment: [checkEmptySegment],
}
