import { FACTS } from '@dun/engine'
import type { DunFile, ExpectedOutcome, Given, TestBlock } from '../ast.js'
import { CODES } from '../codes.js'
import { didYouMean, didYouMeanPhrase, listChoices } from '../did-you-mean.js'
import { unknownFactProblem } from './fact-paths.js'
import { expectedGivenValue } from './given-type.js'
import { choicesFor, fixesFor, type CheckSet, type Report } from './registry.js'
import type { Scope } from './scope.js'
import { knownStepNames, stepLabels } from './step-names.js'

function checkTestNames(file: DunFile, report: Report): void {
  const names = new Set<string>()
  for (const test of file.tests) {
    if (test.name === null) continue
    if (names.has(test.name.value)) {
      report({
        code: CODES.duplicateTestName,
        at: test.name,
        message: `There is already a test named "${test.name.value}".`,
        hint: 'Give each test its own name, so a failure says which one.',
      })
    }
    names.add(test.name.value)
  }
}

function checkTest(test: TestBlock, report: Report): void {
  if (test.expectations.length === 0) {
    report({
      code: CODES.testWithoutExpectation,
      at: test.name ?? test,
      message: 'This test expects nothing, so it can never fail.',
      hint: 'Add an expectation, e.g. at day 1 expect email "reminder".',
    })
  }
  const given = new Set<string>()
  for (const assignment of test.givens) {
    if (given.has(assignment.path.text)) {
      report({
        code: CODES.givenTwice,
        at: assignment.path,
        message: `${assignment.path.text} is given twice in this test; the last value wins.`,
        hint: 'Keep one value per fact.',
      })
    }
    given.add(assignment.path.text)
  }
}

/** Points at the settable fact a derived one comes from, when there is one. */
function derivedHint(derivedFrom: string): string {
  const source = derivedFrom
    .split(/,| and /)
    .map((part) => part.trim())
    .find((part) => FACTS.has(part) && FACTS.get(part)?.derivedFrom === undefined && part !== 'now')
  return source === undefined
    ? `Tests cannot set it: it follows from ${derivedFrom}.`
    : `Set ${source} instead.`
}

function checkGiven(given: Given, report: Report): void {
  const unknown = unknownFactProblem(given.path, CODES.givenUnknownFact)
  if (unknown !== null) {
    report(unknown)
    return
  }
  const fact = FACTS.get(given.path.text)!
  if (fact.derivedFrom !== undefined) {
    report({
      code: CODES.givenDerivedFact,
      at: given.path,
      message: `${fact.path} is computed from ${fact.derivedFrom}: a test cannot set it.`,
      hint: derivedHint(fact.derivedFrom),
    })
    return
  }
  const expected = expectedGivenValue(fact.type, given.value)
  if (expected !== null) {
    report({
      code: CODES.givenWrongType,
      at: given.value,
      message: `${fact.path} needs ${expected}.`,
      hint: `Write given ${fact.path} = ${expected.replace(/^.*e\.g\. /, '')}.`,
    })
    return
  }
  if (fact.type.kind === 'enum' && given.value.kind === 'string') {
    const values = fact.type.values
    if (values.includes(given.value.value)) return
    const suggestion = didYouMean(given.value.value, values)
    report({
      code: CODES.unknownEnumValue,
      at: given.value,
      message: `${fact.path} is never ${JSON.stringify(given.value.value)}.${didYouMeanPhrase(suggestion)}`,
      hint: `${fact.path} is one of ${listChoices(values)}.`,
      ...fixesFor(
        given.value,
        choicesFor(suggestion, values).map((value) => JSON.stringify(value)),
      ),
    })
  }
}

function checkExpectedSegment(
  outcome: Extract<ExpectedOutcome, { kind: 'expectSegment' }>,
  report: Report,
  scope: Scope,
): void {
  const name = outcome.segment
  if (scope.segmentsByName.has(name.text) || scope.policy === null) return
  const names = [...scope.segmentsByName.keys()]
  const suggestion = didYouMean(name.text, names)
  report({
    code: CODES.unknownTestSegment,
    at: name,
    message: `The policy has no segment '${name.text}'.${didYouMeanPhrase(suggestion)}`,
    hint: `Segments: ${listChoices(names)}.`,
    ...fixesFor(name, [suggestion]),
  })
}

function checkExpectedStep(
  outcome: Extract<ExpectedOutcome, { kind: 'expectStep' }>,
  report: Report,
  scope: Scope,
): void {
  if (stepLabels(scope).has(outcome.step.value)) return
  const known = knownStepNames(scope)
  if (known === null || known.has(outcome.step.value)) return
  const suggestion = didYouMean(outcome.step.value, known)
  report({
    code: CODES.unknownTestStep,
    at: outcome.step,
    message: `No step has the label or id "${outcome.step.value}".${didYouMeanPhrase(suggestion)}`,
    hint: 'Name a step by its `as "label"`, or by its id such as everyone/notify:email:reminder#1.',
    ...fixesFor(outcome.step, suggestion === null ? [] : [JSON.stringify(suggestion)]),
  })
}

export const testChecks: CheckSet = {
  file: [checkTestNames],
  test: [checkTest],
  given: [checkGiven],
  expectSegment: [checkExpectedSegment],
  expectStep: [checkExpectedStep],
}
