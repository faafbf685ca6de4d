import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/**
 * Every Prometheus metric the runner exposes on /metrics, in one registry, so the
 * scheduler, the delivery workers and the API record into the same place.
 */
export const registry = new Registry()
collectDefaultMetrics({ register: registry, prefix: 'dun_process_' })

export const metrics = {
  casesByState: new Gauge({
    name: 'dun_cases',
    help: 'Dunning cases by state (refreshed on each scrape).',
    labelNames: ['state'] as const,
    registers: [registry],
  }),
  actionsByStatus: new Gauge({
    name: 'dun_actions',
    help: 'Ledger actions by type and status (refreshed on each scrape).',
    labelNames: ['type', 'status'] as const,
    registers: [registry],
  }),
  actionsDecided: new Counter({
    name: 'dun_actions_decided_total',
    help: 'Actions written to the ledger by the scheduler.',
    labelNames: ['type'] as const,
    registers: [registry],
  }),
  customersEvaluated: new Counter({
    name: 'dun_customers_evaluated_total',
    help: 'Customers evaluated by the scheduler or by an event.',
    registers: [registry],
  }),
  tickDuration: new Histogram({
    name: 'dun_scheduler_tick_seconds',
    help: 'Duration of one scheduler pass (claim, evaluate, write) over a batch of due customers.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  deliveryLatency: new Histogram({
    name: 'dun_delivery_latency_seconds',
    help: 'Time from an action being decided to its delivery attempt finishing.',
    labelNames: ['channel', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [registry],
  }),
  deliveries: new Counter({
    name: 'dun_deliveries_total',
    help: 'Delivery attempts by channel and outcome (sent, failed, dead, review).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  }),
  httpRequests: new Histogram({
    name: 'dun_http_request_seconds',
    help: 'HTTP API requests by route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
}
