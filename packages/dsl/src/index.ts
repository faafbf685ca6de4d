export {}
export {
  format,
  formatToEdits,
  printFile,
  type FormatResult,
  type FormatEditsResult,
} from './format.js'
export {
  compile,
  compilePolicy,
  checkAndCompile,
  actionKey,
  COMPILE_ERROR_CODE,
  type CompileResult,
} from './compile.js'
export { runTests, type RunTestsOptions } from './testing/run-tests.js'
export type { TestReport, TestResult, ExpectationFailure } from './testing/report.js'
export { hasErrors, type Diagnostic, type Severity } from './diagnostic.js'
export { check, type CheckResult } from './check.js'
export { validate, type ValidateOptions } from './validate.js'
export { ALL_CODES, CODES, type CodeInfo } from './codes.js'
export type { QuickFix, TextEdit } from './diagnostic.js'
export { parse, type ParseResult } from './parse.js'
export { DunParser, dunParser, START_RULE } from './parser.js'
export {
  allTokens,
  DunLexer,
  OffsetLexer,
  reservedWords,
  tokenClass,
  type TokenClass,
} from './tokens.js'
export { LineIndex, spanRange, tokenRange, type LineColumn } from './positions.js'
export { SYNTAX_CODES } from './syntax-errors.js'
export type * from './ast.js'
export type { SourceRange } from './source-range.js'
export * from './language-service/index.js'
export * from './diff/index.js'
export * from './edit/index.js'
