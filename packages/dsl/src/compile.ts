import type { DunFile } from './ast.js'
import { checkParsed } from './check-parsed.js'
import { compilePolicy, type CompileResult } from './compile/compile-policy.js'
import { hasErrors } from './diagnostic.js'
import { parse } from './parse.js'

export { compilePolicy, type CompileResult }
export { COMPILE_ERROR_CODE } from './compile/compile-error.js'
export { actionKey } from './compile/step-id.js'

/**
 * Checks a policy's text and, when it has no errors, compiles it to the engine's format.
 * Warnings are kept beside the compiled policy; with an error, `compiled` is null.
 */
export function compile(text: string): CompileResult {
  const { compiled, diagnostics } = checkAndCompile(text)
  return { compiled, diagnostics }
}

/** `compile`, keeping the tree for callers that also read the tests (`runTests`). */
export function checkAndCompile(text: string): CompileResult & { readonly ast: DunFile } {
  const { ast, diagnostics } = checkParsed(parse(text))
  if (hasErrors(diagnostics)) return { ast, compiled: null, diagnostics }
  const result = compilePolicy(ast)
  return { ast, compiled: result.compiled, diagnostics: [...diagnostics, ...result.diagnostics] }
}
