export * from './attribution.js'
export * from './refresh-outcomes.js'
export * from './report.js'
export * from './recovery-report.js'
