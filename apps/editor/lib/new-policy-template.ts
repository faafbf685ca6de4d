/**
 * What "New policy" opens with: a small, valid policy that shows each construct once and
 * passes its own test, so an analyst edits something that works (a test pins that it does).
 */
export const NEW_POLICY_TEMPLATE = `# A new dunning policy. Rename it, then edit the segments and steps.
policy "new-policy" {
  currencies USD
  anchor due

  limits {
    quiet hours 21:00 to 08:00
    at most 3 messages per 7 days
  }

  stop when invoice.balance <= 0
  pause when invoice.disputed

  segment everyone {
    day 1 email "payment-failed"
    day 3 retry payment
    day 7 email "final-notice"
    day 14 suspend subscription
  }
}

test "a reminder the day after the due date" {
  at day 1 expect email "payment-failed"
  at day 14 expect suspend subscription
}
`
