import { runEvaluateBench } from './evaluate-bench.js'
import { runSimulateBench } from './simulate-bench.js'

// Engine benchmarks, one after another (they share two cores).
await runEvaluateBench()
await runSimulateBench()
