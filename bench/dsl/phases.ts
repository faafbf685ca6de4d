import { compilePolicy, dunParser, LineIndex, OffsetLexer, parse, validate } from '@dun/dsl'
import { medianCpuMs } from './cpu-time.js'
import { generatePolicy } from './generate-policy.js'

/**
 * Where the front end's CPU time goes, phase by phase, on generated policies: what to fix
 * next. Each phase is timed alone on the previous phase's output (median CPU ms).
 */
function phases(lines: number): void {
  const text = generatePolicy(lines)
  const tokens = OffsetLexer.tokenize(text).tokens
  const { ast } = parse(text)
  const runs = lines >= 20_000 ? 7 : 21
  const time = (fn: () => unknown) => {
    for (let i = 0; i < 3; i++) fn()
    return medianCpuMs(runs, fn).toFixed(1).padStart(6)
  }
  const row = [
    `lex ${time(() => OffsetLexer.tokenize(text))}`,
    `parse ${time(() => dunParser().read(tokens, new LineIndex(text)))}`,
    `parse() ${time(() => parse(text))}`,
    `validate ${time(() => validate(ast))}`,
    `compile ${time(() => compilePolicy(ast))}`,
  ]
  console.log(`${String(lines).padStart(6)} lines (CPU ms): ${row.join('  ')}`)
}

console.log('bench/dsl phases — lex, parse to AST, whole parse(), validate, compile')
for (const lines of [2_000, 20_000]) phases(lines)
