import cliProgress from 'cli-progress'

/** A progress bar over the invoices file's bytes, on a terminal only (never in pipes or CI logs). */
export interface Progress {
  update(read: number, total: number): void
  stop(): void
}

export function progressFor(stream: NodeJS.WriteStream, label = 'simulating'): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} |{bar}| {percentage}% of the invoices file | {value}/{total} MB`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
  return {
    update(read, total) {
      if (!started) {
        bar.start(mb(total), 0)
        started = true
      }
      bar.update(mb(read))
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
