import { expect, it } from 'vitest'
import { check, format, runTests } from '@dun/dsl'
import { NEW_POLICY_TEMPLATE } from '../lib/new-policy-template.js'

it('opens new policies with a clean, canonical policy whose test passes', () => {
  expect(check(NEW_POLICY_TEMPLATE).diagnostics).toEqual([])
  expect(format(NEW_POLICY_TEMPLATE).text).toBe(NEW_POLICY_TEMPLATE)
  const report = runTests(NEW_POLICY_TEMPLATE)
  expect(report.tests.length).toBeGreaterThan(0)
  expect(report.failed).toBe(0)
})
