/**
 * Median CPU time (user + system, this process) of `fn` in milliseconds. On a machine that
 * other jobs share, wall time mostly measures the queue for a core; CPU time measures the
 * code. It includes V8's helper threads (parallel GC), so it is never flattering.
 */
export function medianCpuMs(times: number, fn: () => void): number {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const start = process.cpuUsage()
    fn()
    const used = process.cpuUsage(start)
    samples.push((used.user + used.system) / 1000)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}
