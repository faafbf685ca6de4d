import type { Decision, ResponseModel } from '@dun/engine'
import type { InvoiceStory } from './invoice-story'
import type { DatasetPayload } from './memory-source'
import type { PolicyChoice, SimulationResult } from './run-simulation'

/** What the page asks of the simulation worker. */
export type WorkerRequest =
  | {
      readonly kind: 'run'
      readonly dataset: DatasetPayload
      readonly policies: readonly PolicyChoice[]
      readonly responseModel: ResponseModel | null
    }
  /** One invoice of the last run, under one of its policies. */
  | { readonly kind: 'story'; readonly policy: number; readonly invoiceId: string }
  | {
      readonly kind: 'explain'
      readonly policy: number
      readonly invoiceId: string
      readonly at: number
    }

/** What the worker answers. */
export type WorkerReply =
  | { readonly kind: 'progress'; readonly read: number; readonly total: number }
  | { readonly kind: 'done'; readonly result: SimulationResult }
  | { readonly kind: 'story'; readonly policy: number; readonly story: InvoiceStory }
  | {
      readonly kind: 'explained'
      readonly policy: number
      readonly at: number
      readonly decision: Decision | null
    }
  | { readonly kind: 'failed'; readonly message: string }
