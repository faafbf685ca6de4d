export { simulate } from './simulate.js'
export { ReadAgain } from './read-again.js'
export { EventsBeside, RowsRead } from './events-beside.js'
export { engineReplayer, episodeReplayInput, liveReplayer } from './engine-replayer.js'
export { asIssued } from './as-issued.js'
export type {
  SimulationSource,
  SimulatedPolicy,
  SimulationOptions,
  SimulationHooks,
} from './simulate.js'
export type * from './replay-port.js'
export type * from './report.js'
export { compareReports } from './compare.js'
export { mergeReports, type MergeOptions } from './merge-reports.js'
export { inPartition, type Partition } from './partition.js'
export { EventsByInvoice } from './events-by-invoice.js'
export {
  channelsOf,
  responseModelSchema,
  type ResponseModel,
  type RecoveryEstimate,
  type RecoveryFigures,
} from './response-model.js'
export { describeTiming } from './report-builder.js'
export { FIRST_ROW_ERRORS, RowErrorTally } from './row-errors.js'
export {
  fitResponseModel,
  type FittedResponseModel,
  type FittedCell,
  type FittedBaseline,
  type FitQuality,
  type ObservedCase,
  type FitOptions,
} from './fitted-model.js'
export {
  generatePlantedHistory,
  RESPONSE_WINDOW_DAYS,
  type PlantedArm,
  type PlantedContact,
  type PlantedHistoryOptions,
  type HistoryCase,
} from './planted-history.js'
