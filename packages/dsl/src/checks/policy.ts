import type { Policy } from '../ast.js'
import { CODES } from '../codes.js'
import type { CheckSet, Report } from './registry.js'
import type { Scope } from './scope.js'

function checkName(policy: Policy, report: Report): void {
  if (policy.name !== null && policy.name.value.trim() !== '') return
  report({
    code: CODES.missingPolicyName,
    at: policy.name ?? policy,
    message: 'The policy has no name.',
    hint: 'Name it after the policy keyword, e.g. policy "saas-default" { … }.',
  })
}

/** Declarations that may appear once: a second one would silently be ignored. */
function checkSingleDeclarations(policy: Policy, report: Report, scope: Scope): void {
  let anchors = 0
  for (const item of policy.items) {
    if (item.kind === 'anchor' && ++anchors > 1) {
      report({
        code: CODES.anchorTwice,
        at: item,
        message: `'anchor' is declared again: the policy's steps already count from '${scope.anchor}'.`,
        hint: 'Keep one anchor; a segment or a step can override it with `anchor …` or `from …`.',
      })
    }
    if (item.kind === 'currencies' && item !== scope.currencies) {
      report({
        code: CODES.currenciesTwice,
        at: item,
        message: `'currencies' is declared twice.`,
        hint: 'List every currency in one declaration, e.g. currencies USD, EUR.',
      })
    }
  }
  if (scope.currencies === null) {
    report({
      code: CODES.currenciesMissing,
      at: policy.name ?? policy,
      message: "The policy does not say which currencies it handles: amounts can't be checked.",
      hint: 'Add a line such as currencies USD, EUR.',
    })
  }
}

export const policyChecks: CheckSet = { policy: [checkName, checkSingleDeclarations] }
