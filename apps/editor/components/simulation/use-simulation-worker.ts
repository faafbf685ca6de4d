'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Decision } from '@dun/engine'
import type { InvoiceStory } from '@/lib/simulation/invoice-story'
import type { WorkerReply, WorkerRequest } from '@/lib/simulation/protocol'
import type { SimulationResult } from '@/lib/simulation/run-simulation'

export interface SimulationState {
  readonly running: boolean
  readonly progress: { readonly read: number; readonly total: number } | null
  readonly result: SimulationResult | null
  readonly story: { readonly policy: number; readonly story: InvoiceStory } | null
  readonly explained: {
    readonly policy: number
    readonly at: number
    readonly decision: Decision | null
  } | null
  readonly error: string | null
}

const IDLE: SimulationState = {
  running: false,
  progress: null,
  result: null,
  story: null,
  explained: null,
  error: null,
}

/** Folds one worker reply into the page's state. */
function next(state: SimulationState, reply: WorkerReply): SimulationState {
  switch (reply.kind) {
    case 'progress':
      return { ...state, progress: { read: reply.read, total: reply.total } }
    case 'done':
      return { ...state, running: false, result: reply.result, error: null }
    case 'story':
      return { ...state, story: reply, explained: null, error: null }
    case 'explained':
      return { ...state, explained: reply, error: null }
    case 'failed':
      return { ...state, running: false, error: reply.message }
  }
}

/** The simulation worker, alive as long as the page, and what it has answered so far. */
export function useSimulationWorker() {
  const worker = useRef<Worker | null>(null)
  const [state, setState] = useState<SimulationState>(IDLE)

  useEffect(() => {
    const created = new Worker(
      new URL('../../lib/simulation/simulation.worker.ts', import.meta.url),
      { type: 'module' },
    )
    created.onmessage = (event: MessageEvent<WorkerReply>) =>
      setState((state) => next(state, event.data))
    created.onerror = (event) =>
      setState((state) => ({
        ...state,
        running: false,
        error: `the simulation worker stopped: ${event.message}; reload the page and try again`,
      }))
    worker.current = created
    return () => created.terminate()
  }, [])

  const send = useCallback((request: WorkerRequest) => {
    if (request.kind === 'run') {
      setState({
        ...IDLE,
        running: true,
        progress: { read: 0, total: request.dataset.invoices.length },
      })
    }
    worker.current?.postMessage(request)
  }, [])

  const fail = useCallback((message: string) => {
    setState((state) => ({ ...state, running: false, error: message }))
  }, [])

  const closeStory = useCallback(() => {
    setState((state) => ({ ...state, story: null, explained: null }))
  }, [])

  return { state, send, fail, closeStory }
}
