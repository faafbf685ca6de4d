/**
 * Everything the operator commands (migrate, import, dataset, publish, user, token, cases,
 * experiment) need from the database side, in one module that they import lazily when they run: the analyst
 * commands (check, fmt, compile, test, simulate) never load database code.
 */
export { migrateToLatest, findPolicyByName, findUserByName, listExperiments } from '@dun/store'
export {
  addUser,
  countCasesByState,
  countInvoices,
  experimentResults,
  fitResponseModelFromLedger,
  importDataset,
  listDatasets,
  promoteArm,
  startExperiment,
  stopExperiment,
  importLive,
  moveOpenCasesToLive,
  issueTokenForUser,
  requestPublish,
  saveVersion,
  ServiceError,
} from '@dun/service'
export { cliErrorFrom, withService, type ServiceSession } from './open-service.js'
