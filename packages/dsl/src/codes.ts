import { COMPILE_ERROR_CODE } from './compile/compile-error.js'
import type { Severity } from './diagnostic.js'
import { SYNTAX_CODES } from './syntax-errors.js'

/** One diagnostic code: stable (tests, docs and suppressions rely on it), never reused. */
export interface CodeInfo {
  readonly code: string
  readonly severity: Severity
  /** One line: what the code means, as listed in LANGUAGE.md. */
  readonly title: string
  /**
   * The check reports something *absent* (a name, a catch-all, an expectation). On a tree a
   * syntax error cut short, absent parts may just be unparsed, so these are not reported then.
   */
  readonly needsCompleteTree?: boolean
}

const code = (
  id: string,
  severity: Severity,
  title: string,
  needsCompleteTree = false,
): CodeInfo => ({ code: id, severity, title, ...(needsCompleteTree ? { needsCompleteTree } : {}) })

/**
 * Every code the validator reports, by role. Numbering by area: DUN1xx facts and types,
 * DUN2xx money, DUN3xx segments, DUN4xx steps and actions, DUN5xx limits, DUN6xx policy,
 * DUN7xx tests. The parser's syntax codes (DUN0xx) join them in `ALL_CODES`.
 */
export const CODES = {
  unknownFact: code('DUN101', 'error', 'Unknown fact path'),
  typeMismatch: code('DUN102', 'error', 'Values of different types compared'),
  notACondition: code('DUN103', 'error', 'A value that is not true/false used as a condition'),
  isOnNonEnum: code('DUN104', 'error', '`is` used on a fact that is not a set of named values'),
  unknownEnumValue: code('DUN105', 'error', 'A value the fact can never take'),
  containsOnNonList: code('DUN106', 'error', '`contains` used on a fact that is not a list'),
  listItemType: code('DUN107', 'error', 'An `in` list item of the wrong type'),
  orderingNotDefined: code('DUN108', 'error', '`<`, `<=`, `>`, `>=` on text or true/false'),
  constantComparison: code('DUN109', 'warning', 'A comparison whose result never changes'),

  unknownCurrency: code('DUN201', 'error', 'Currency not listed in `currencies`'),
  invalidCurrency: code('DUN202', 'error', 'Not an ISO 4217 currency code'),
  currencyTwiceInAmount: code('DUN203', 'error', 'The same currency twice in one amount'),
  thresholdMissingCurrency: code(
    'DUN204',
    'warning',
    "An amount missing one of the policy's currencies",
  ),
  tooManyDecimals: code('DUN205', 'error', 'More decimals than the currency has'),
  crossCurrency: code('DUN206', 'error', 'Money compared across currencies'),
  currenciesMissing: code('DUN207', 'error', 'No `currencies` declaration', true),
  currenciesTwice: code('DUN208', 'error', '`currencies` declared twice'),
  currencyListedTwice: code('DUN209', 'warning', 'A currency listed twice in `currencies`'),

  duplicateSegment: code('DUN301', 'error', 'Two segments with the same name'),
  missingCatchAll: code('DUN302', 'warning', 'No catch-all segment last', true),
  unreachableSegment: code('DUN303', 'warning', 'A segment no case can ever reach'),
  emptySegment: code('DUN304', 'warning', 'A segment without steps', true),
  secondCatchAll: code('DUN305', 'error', 'A second catch-all segment'),

  duplicateStep: code('DUN401', 'warning', 'The same action twice at the same time in a segment'),
  negativeFailureOffset: code(
    'DUN402',
    'error',
    'A negative offset counted from the first failure',
  ),
  offsetOutOfRange: code('DUN403', 'error', 'A step offset outside the supported range'),
  atInQuietHours: code('DUN404', 'warning', 'A step time inside quiet hours'),
  stepNeverFires: code('DUN405', 'warning', 'A step that can never fire'),
  duplicateLabel: code('DUN406', 'error', 'Two steps with the same `as` label in a segment'),
  unknownChannel: code('DUN407', 'error', 'Unknown channel'),
  emptyText: code('DUN408', 'error', 'An empty template, script, title or name'),
  tooFewInstalments: code('DUN409', 'error', 'A payment plan with fewer than 2 instalments'),
  percentOutOfRange: code('DUN410', 'error', 'A percentage outside 0–100'),
  atOnHourStep: code('DUN411', 'error', '`at HH:MM` on an `hour` step'),
  zeroDuration: code('DUN412', 'error', 'A duration of zero where time must pass'),

  emptyQuietHours: code('DUN501', 'error', 'Quiet hours that start when they end'),
  zeroCap: code('DUN502', 'error', 'A cap of at most 0'),
  unknownCapScope: code('DUN503', 'error', 'Unknown cap scope'),
  invalidCapWindow: code('DUN504', 'error', 'A cap window that is not a whole number of days'),
  looserThanStatute: code('DUN505', 'warning', 'A limit looser than the statutory one'),
  duplicateLimit: code('DUN506', 'warning', 'The same limit declared twice'),

  missingPolicyName: code('DUN601', 'error', 'A policy without a name', true),
  noSegments: code('DUN602', 'error', 'A policy without segments', true),
  anchorTwice: code('DUN603', 'error', '`anchor` declared twice'),

  unknownTestSegment: code('DUN701', 'error', '`expect segment` names an unknown segment'),
  unknownTestStep: code('DUN702', 'error', '`expect step` names an unknown step'),
  givenUnknownFact: code('DUN703', 'error', '`given` sets an unknown fact'),
  givenDerivedFact: code('DUN704', 'error', '`given` sets a fact the engine computes'),
  givenWrongType: code('DUN705', 'error', '`given` value of the wrong type'),
  testWithoutExpectation: code('DUN706', 'warning', 'A test that expects nothing', true),
  duplicateTestName: code('DUN707', 'error', 'Two tests with the same name'),
  givenTwice: code('DUN708', 'warning', 'The same fact given twice in a test'),
} as const satisfies Record<string, CodeInfo>

/**
 * Every code any phase reports, in code order: the parser's syntax errors, the validator's
 * checks, and the compiler's own (a construct the validator let through). LANGUAGE.md's
 * codes table lists exactly these.
 */
export const ALL_CODES: readonly CodeInfo[] = [
  ...Object.entries(SYNTAX_CODES).map(([id, title]) => code(id, 'error', title)),
  ...Object.values(CODES),
  code(COMPILE_ERROR_CODE, 'error', 'A construct the compiled format cannot express'),
].sort((a, b) => a.code.localeCompare(b.code))
