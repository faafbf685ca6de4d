import type { Action, CaseStatus } from '@dun/engine'

/** A step the replay performed. */
export interface PerformedStep {
  readonly stepId: string
  readonly action: Action
  readonly executedAt: number
}

/** What a test can see of one expectation's time window. */
export interface Observation {
  /** Steps performed during the window, in the order they ran. */
  readonly performed: readonly PerformedStep[]
  /** The case's status and segment at the start of the window. */
  readonly status: CaseStatus
  readonly segment: string | null
  /** Why the engine could not evaluate the case (status `rejected`), e.g. an unlisted currency. */
  readonly problem: string | null
}
