import { describe, expect, it } from 'vitest'
import { describeChanges } from '../src/diff/describe-changes.js'

const BASE = `policy "diffs" {
  currencies USD, EUR
  limits {
    quiet hours 21:00 to 08:00
    at most 3 messages per 7 days
  }
  stop when invoice.balance <= 0
  pause when invoice.disputed

  segment enterprise when customer.arr >= 50000 USD | 45000 EUR {
    day -3 email "upcoming-charge"
    day 1 retry payment
    day 30 escalate to collections when invoice.amount_due > 5000 USD | 4500 EUR
  }

  segment everyone {
    day 0 email "update-card" when invoice.last_decline is hard
    day 1, 3 retry payment
    day 7 sms, email "final-notice"
    day 8 email "last-call" as "last-call"
  }
}
`

/** The changes as (kind, text) without the structured fields, for the simple cases. */
function kinds(oldText: string, newText: string): string[] {
  return describeChanges(oldText, newText).map((change) => change.kind)
}

function edit(...pairs: [string, string][]): string {
  return pairs.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`the base policy has no "${from}"`)
    return text.replace(from, to)
  }, BASE)
}

describe('describeChanges', () => {
  it('finds nothing between a policy and itself reformatted with new comments', () => {
    const reformatted = edit(
      ['  segment everyone {', '  # the catch-all\n  segment   everyone {'],
      ['day 1, 3 retry payment', 'day 1,3   retry payment'],
    )
    expect(describeChanges(BASE, reformatted)).toEqual([])
  })

  it('reports a step moved to another day under its stable id', () => {
    const [change, ...rest] = describeChanges(BASE, edit(['day 7 sms', 'day 9 sms']))
    expect(rest).toEqual([])
    expect(change).toMatchObject({
      kind: 'step_moved',
      segment: 'everyone',
      stepId: 'everyone/notify:email+sms:final-notice#1',
      from: { offset: 7 },
      to: { offset: 9 },
    })
    expect(change?.text).toBe(
      'Segment "everyone": sms+email "final-notice" moved from day 7 to day 9 (everyone/notify:email+sms:final-notice#1).',
    )
  })

  it('reports a time of day and a new anchor as a move', () => {
    const changes = describeChanges(
      BASE,
      edit(['day 1 retry', 'day 1 at 10:00 from failure retry']),
    )
    expect(changes).toHaveLength(1)
    expect(changes[0]?.text).toContain('moved from day 1 to day 1 at 10:00 from failure')
  })

  it('reports steps added and removed', () => {
    const changes = describeChanges(
      BASE,
      edit(
        ['    day 0 email "update-card" when invoice.last_decline is hard\n', ''],
        ['    day 8 email', '    day 14 suspend subscription\n    day 8 email'],
      ),
    )
    expect(changes.map((c) => c.kind)).toEqual(['step_removed', 'step_added'])
    expect(changes[0]).toMatchObject({ step: { id: 'everyone/notify:email:update-card#1' } })
    expect(changes[1]).toMatchObject({
      step: { id: 'everyone/account:suspend_subscription#1', timing: { offset: 14 } },
    })
    expect(changes[1]?.text).toBe(
      'Segment "everyone": new step on day 14: suspend subscription (everyone/account:suspend_subscription#1).',
    )
  })

  it('reads a new template on the same day as the step changed, not removed and added', () => {
    const changes = describeChanges(BASE, edit(['"update-card"', '"new-card"']))
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({
      kind: 'step_action_changed',
      stepId: 'everyone/notify:email:new-card#1',
      previousStepId: 'everyone/notify:email:update-card#1',
      to: { template: 'new-card' },
    })
  })

  it('keeps a labelled step’s id when its channel changes', () => {
    const changes = describeChanges(
      BASE,
      edit(['day 8 email "last-call"', 'day 8 sms "last-call"']),
    )
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'step_action_changed',
        stepId: 'everyone/last-call',
        previousStepId: 'everyone/last-call',
        from: { type: 'notify', channels: ['email'], template: 'last-call' },
        to: { type: 'notify', channels: ['sms'], template: 'last-call' },
      }),
    ])
  })

  it('reports a guard added to a step, and a money threshold in a guard as a threshold', () => {
    const guarded = describeChanges(
      BASE,
      edit(['day 1 retry payment', 'day 1 retry payment when invoice.last_decline is soft']),
    )
    expect(guarded).toEqual([
      expect.objectContaining({
        kind: 'condition_changed',
        place: { kind: 'guard', segment: 'enterprise', stepId: 'enterprise/retry:default#1' },
        from: null,
        to: 'invoice.last_decline is soft',
      }),
    ])
    const tuned = describeChanges(BASE, edit(['> 5000 USD | 4500 EUR', '> 7500 USD | 4500 EUR']))
    expect(tuned).toEqual([
      expect.objectContaining({
        kind: 'threshold_changed',
        fact: 'invoice.amount_due',
        from: { USD: '5000', EUR: '4500' },
        to: { USD: '7500', EUR: '4500' },
      }),
    ])
    expect(tuned[0]?.text).toBe(
      'Threshold on invoice.amount_due in step enterprise/escalate:collections#1 changed from 5000 USD | 4500 EUR to 7500 USD | 4500 EUR.',
    )
  })

  it('reports segment thresholds, predicates, additions, removals and order', () => {
    expect(describeChanges(BASE, edit(['>= 50000 USD', '>= 60000 USD']))).toEqual([
      expect.objectContaining({
        kind: 'threshold_changed',
        place: { kind: 'segment', segment: 'enterprise' },
        fact: 'customer.arr',
        to: { USD: '60000', EUR: '45000' },
      }),
    ])
    expect(
      kinds(BASE, edit(['customer.arr >= 50000 USD | 45000 EUR', 'customer.plan == "enterprise"'])),
    ).toEqual(['condition_changed'])
    const vip =
      '  segment vip when customer.tags contains "vip" {\n    day 2 call "vip-desk"\n  }\n\n'
    const added = describeChanges(
      BASE,
      edit(['  segment enterprise', `${vip}  segment enterprise`]),
    )
    expect(added).toEqual([
      expect.objectContaining({ kind: 'segment_added', segment: 'vip', steps: 1 }),
    ])
    const enterprise = BASE.slice(
      BASE.indexOf('  segment enterprise'),
      BASE.indexOf('  segment everyone'),
    )
    expect(kinds(BASE, BASE.replace(enterprise, ''))).toEqual(['segment_removed'])
    const vipFirst = edit(['  segment enterprise', `${vip}  segment enterprise`])
    const vipSecond = edit(['  segment everyone', `${vip}  segment everyone`])
    expect(describeChanges(vipFirst, vipSecond)).toEqual([
      expect.objectContaining({
        kind: 'segments_reordered',
        from: ['vip', 'enterprise', 'everyone'],
        to: ['enterprise', 'vip', 'everyone'],
      }),
    ])
  })

  it('reports limits, currencies and stop/pause conditions', () => {
    const changes = describeChanges(
      BASE,
      edit(
        ['currencies USD, EUR', 'currencies USD, EUR, GBP'],
        ['quiet hours 21:00 to 08:00', 'quiet hours 20:00 to 08:00'],
        [
          'at most 3 messages per 7 days',
          'at most 2 messages per 7 days\n    at most 1 sms per 7 days',
        ],
        [
          'pause when invoice.disputed',
          'pause when invoice.disputed\n  pause when customer.promise_to_pay_until > now',
        ],
        [
          'stop when invoice.balance <= 0',
          'stop when invoice.balance <= 0 or invoice.status is void',
        ],
      ),
    )
    expect(changes.map((c) => c.text)).toEqual([
      'Currencies changed from USD, EUR to USD, EUR, GBP.',
      'Quiet hours changed from 21:00–08:00 to 20:00–08:00.',
      'Limit changed from at most 3 messages per 7 days to at most 2 messages per 7 days.',
      'New limit: at most 1 sms per 7 days.',
      'The stop condition changed from "invoice.balance <= 0" to "invoice.balance <= 0 or invoice.status is void".',
      'New pause condition: pause when customer.promise_to_pay_until > now.',
    ])
  })

  it('names the first error of a version that does not compile', () => {
    const changes = describeChanges(BASE, BASE.replace('day 7 sms', 'day seven sms'))
    expect(changes).toEqual([expect.objectContaining({ kind: 'unreadable', side: 'new' })])
    expect(changes[0]?.text).toMatch(
      /^The new version cannot be compared: it has \d+ errors? \(line 19: /,
    )
  })
})
