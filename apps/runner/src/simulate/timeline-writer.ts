import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import type { ReplayedEpisode } from '@dun/engine'
import { CliError } from '../cli-error.js'

const FLUSH_AT = 1 << 20

/**
 * `--timeline OUT.jsonl`: one JSON line per executed action,
 * `{invoice, step, action, scheduledAt, executedAt, segment}` with ISO instants — the same
 * (invoice, step, action, due time) set the runner records, so the two can be compared.
 * Written synchronously in 1 MB blocks: no backpressure to manage, flat memory.
 */
export class TimelineWriter {
  private readonly fd: number
  private buffer = ''
  private position = 0

  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, 'w')
    } catch (error) {
      throw new CliError(
        `simulate: cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check that its folder exists`,
      )
    }
  }

  add(replayed: ReplayedEpisode): void {
    for (const step of replayed.executed) {
      this.buffer += `${JSON.stringify({
        invoice: step.invoiceId,
        step: step.stepId,
        action: step.action,
        scheduledAt: new Date(step.scheduledAt).toISOString(),
        executedAt: new Date(step.executedAt).toISOString(),
        segment: step.segment,
      })}\n`
    }
    if (this.buffer.length >= FLUSH_AT) this.flush()
  }

  /** The simulation starts over (unsorted input): what was written is void. */
  restart(): void {
    this.buffer = ''
    this.position = 0
    ftruncateSync(this.fd, 0)
  }

  close(): void {
    this.flush()
    closeSync(this.fd)
  }

  private flush(): void {
    if (this.buffer === '') return
    this.position += writeSync(this.fd, this.buffer, this.position)
    this.buffer = ''
  }
}
