import { check, compile, complete, outline } from '@dun/dsl'
import { machineLine, medianMs } from '../shared/machine.js'
import { medianCpuMs } from './cpu-time.js'
import { generatePolicy } from './generate-policy.js'

/**
 * Front-end throughput: parse + validate + compile of generated policies, and the cost of a
 * keystroke-sized re-check of a 2,000-line policy (what the editor pays on every keystroke).
 * Targets: ≥ 250,000 lines/s end to end; re-check < 30 ms; completion after an edit: a few ms.
 */
function throughput(lines: number): void {
  const text = generatePolicy(lines)
  const actual = text.split('\n').length
  const first = compile(text)
  const errors = first.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0 || !first.compiled) {
    throw new Error(
      `generated policy has errors: ${errors
        .slice(0, 3)
        .map((d) => d.message)
        .join('; ')}`,
    )
  }
  const runs = lines >= 20_000 ? 5 : 15
  for (let i = 0; i < 3; i++) compile(text) // warm up the JIT
  const ms = medianMs(runs, () => compile(text))
  const cpu = medianCpuMs(runs, () => compile(text))
  const rules = first.compiled.rules.length
  const rate = (time: number) => Math.round(actual / (time / 1000)).toLocaleString('en')
  console.log(
    `${String(actual).padStart(6)} lines, ${String(rules).padStart(5)} rules: ` +
      `${ms.toFixed(1).padStart(7)} ms ${rate(ms).padStart(9)} lines/s; ` +
      `CPU ${cpu.toFixed(1).padStart(7)} ms ${rate(cpu).padStart(9)} lines/s`,
  )
}

function recheck(): void {
  const text = generatePolicy(2_000)
  const at = text.indexOf('retry payment')
  // Two texts a keystroke apart, alternated: every call sees a freshly edited text, as typing
  // does (`check` keeps the last text's document, so the same text twice would cost nothing).
  const typed = [1, 2].map((n) => text.slice(0, at) + 'x'.repeat(n) + text.slice(at))
  let turn = 0
  const edited = () => typed[turn++ % typed.length]!
  for (let i = 0; i < 5; i++) check(edited())
  const alone = () => check(edited())
  // What the editor runs after a keystroke: diagnostics, then the outline of the same text.
  const editor = () => {
    const typedText = edited()
    check(typedText)
    outline(typedText)
  }
  for (const [what, keystroke] of [
    ['check', alone],
    ['check + outline (the editor)', editor],
  ] as const) {
    const ms = medianMs(31, keystroke)
    const cpu = medianCpuMs(31, keystroke)
    console.log(
      `re-check of a 2,000-line policy after one keystroke, ${what}: ${ms.toFixed(2)} ms, ` +
        `CPU ${cpu.toFixed(2)} ms (target < 30 ms)`,
    )
  }
}

function completion(): void {
  const text = generatePolicy(2_000)
  const cursor = text.lastIndexOf('invoice.last_decline') + 'invoice.'.length
  const edited = text.slice(0, cursor) + ' ' + text.slice(cursor)
  // Alternating two texts makes every call see a freshly edited text, as typing does.
  const ms = medianMs(31, () => {
    complete(text, cursor)
    complete(edited, cursor + 1)
  })
  console.log(`completion after an edit on a 2,000-line policy: ${(ms / 2).toFixed(2)} ms`)
}

console.log('bench/dsl — parse + validate + compile (target ≥ 250,000 lines/s)')
console.log(machineLine(['chevrotain', 'typescript']))
for (const lines of [200, 2_000, 20_000]) throughput(lines)
recheck()
completion()
