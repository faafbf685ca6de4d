export * from './dataset-summary.js'
export * from './import-dataset.js'
export * from './load-dataset.js'
