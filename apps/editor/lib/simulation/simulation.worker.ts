import { explainDecision, invoiceStory } from './invoice-story'
import type { WorkerReply, WorkerRequest } from './protocol'
import { runSimulation, type PolicyChoice, type SimulationRun } from './run-simulation'

/**
 * The simulator in a web worker: the page stays responsive while thousands of invoices are
 * replayed, and the progress bar moves. The last run is kept so the page can ask for one
 * invoice's timeline and a decision's trace without sending the dataset again.
 */
interface WorkerScope {
  postMessage(message: WorkerReply): void
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
}
const scope = self as unknown as WorkerScope
let last: { run: SimulationRun; policies: readonly PolicyChoice[] } | null = null

const reply = (message: WorkerReply) => scope.postMessage(message)

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  try {
    reply(await answer(event.data))
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.kind) {
    case 'run': {
      const run = await runSimulation(
        request.dataset,
        request.policies,
        request.responseModel,
        (read, total) => reply({ kind: 'progress', read, total }),
      )
      last = { run, policies: request.policies }
      return { kind: 'done', result: run.result }
    }
    case 'story': {
      const { compiled, episode } = lookUp(request.policy, request.invoiceId)
      return {
        kind: 'story',
        policy: request.policy,
        story: invoiceStory(compiled, episode, request.invoiceId),
      }
    }
    case 'explain': {
      const { compiled, episode } = lookUp(request.policy, request.invoiceId)
      return {
        kind: 'explained',
        policy: request.policy,
        at: request.at,
        decision: explainDecision(compiled, episode, request.invoiceId, request.at),
      }
    }
  }
}

function lookUp(policy: number, invoiceId: string) {
  const compiled = last?.policies[policy]?.compiled
  const episode = last?.run.episodes[policy]?.get(invoiceId)
  if (!compiled || !episode) {
    throw new Error(
      `invoice ${invoiceId} was not simulated under that policy; run the simulation again`,
    )
  }
  return { compiled, episode }
}
