import { Counter, Histogram } from 'prom-client'
import { registry } from '../ops/metrics.js'

/** The outcomes job's figures on /metrics, in the runner's one registry. */
export const outcomesMetrics = {
  runs: new Counter({
    name: 'dun_outcomes_runs_total',
    help: 'Runs of the outcomes job (attribution and rollups) by result: ok or failed.',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  duration: new Histogram({
    name: 'dun_outcomes_run_seconds',
    help: 'Duration of one outcomes job run, from the first batch to the last.',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  }),
  paymentsAttributed: new Counter({
    name: 'dun_outcomes_payments_attributed_total',
    help: 'Payments the outcomes job linked to their case, version and actions.',
    registers: [registry],
  }),
}
