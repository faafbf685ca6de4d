import { runEvaluateBench } from './evaluate-bench.js'

// Engine benchmarks, one after another (they share two cores).
await runEvaluateBench()
