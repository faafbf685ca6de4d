import type { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

/**
 * Serves PGlite to ordinary `pg` clients over a local socket.
 *
 * Every connection shares PGlite's one session. pglite-socket 0.2.17 queues single protocol
 * messages and keeps a connection's turn only inside a transaction, so two connections'
 * extended-protocol batches (Parse/Bind/Describe/Execute/Sync) interleave and one binds
 * against the other's unnamed statement ("bind message supplies 1 parameters, but prepared
 * statement requires 4"); and a failed message leaves the queue stuck (upstream
 * electric-sql/pglite#1046). `keepBatchesWhole` replaces the queue's scheduler: a connection
 * keeps its turn from its first extended-protocol message to its Sync, and a failure never
 * stops the queue.
 */
export async function servePglite(db: PGlite, maxConnections: number): Promise<PGLiteSocketServer> {
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections })
  keepBatchesWhole(server)
  await server.start()
  return server
}

interface QueuedMessage {
  readonly handlerId: number
  readonly message: Uint8Array
  resolve(bytes: number): void
  reject(error: unknown): void
  onData(data: Uint8Array): void
}

/** The parts of pglite-socket's internal query queue the replacement scheduler uses. */
interface QueryQueue {
  queue: QueuedMessage[]
  processing: boolean
  lastHandlerId: number | null
  readonly db: PGlite
  processQueue(): Promise<void>
  clearQueueForHandler(handlerId: number): void
}

const code = (letter: string) => letter.charCodeAt(0)
/** Parse, Bind, Describe, Execute, Close, Flush: the batch goes on until Sync. */
const IN_BATCH = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map(code))
const ENDS_BATCH = new Set(['S', 'Q'].map(code))

function keepBatchesWhole(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue
  let batchOwner: number | null = null
  const clear = queue.clearQueueForHandler.bind(queue)
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId)
    if (batchOwner !== handlerId) return
    batchOwner = null
    void queue.processQueue()
  }
  queue.processQueue = async () => {
    if (queue.processing) return
    queue.processing = true
    try {
      while (queue.queue.length > 0) {
        const turn = batchOwner ?? (queue.db.isInTransaction() ? queue.lastHandlerId : null)
        const index = turn === null ? 0 : queue.queue.findIndex((m) => m.handlerId === turn)
        // The connection whose turn it is has not sent its next message yet: wait for it.
        if (index === -1) break
        const [next] = queue.queue.splice(index, 1)
        if (next) batchOwner = await run(queue, next, batchOwner)
      }
    } finally {
      queue.processing = false
    }
  }
}

async function run(
  queue: QueryQueue,
  item: QueuedMessage,
  owner: number | null,
): Promise<number | null> {
  const type = item.message[0] ?? 0
  try {
    let bytes = 0
    await queue.db.runExclusive(() =>
      queue.db.execProtocolRawStream(item.message, {
        onRawData: (data: Uint8Array) => {
          bytes += data.length
          item.onData(data)
        },
      }),
    )
    queue.lastHandlerId = item.handlerId
    item.resolve(bytes)
    if (IN_BATCH.has(type)) return item.handlerId
    return ENDS_BATCH.has(type) ? null : owner
  } catch (error) {
    item.reject(error)
    return null
  }
}
