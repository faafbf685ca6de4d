/**
 * A seeded pseudo-random source (sfc32, seeded through cyrb128): the same seed gives the
 * same sequence on every platform, which makes generated datasets byte-identical.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  chance(probability: number): boolean
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number
  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K
  /** Log-normal with the given median: most values near it, a long tail above. */
  logNormal(median: number, sigma: number): number
}

export function createRandom(seed: string | number): Random {
  const [a, b, c, d] = cyrb128(String(seed))
  const next = sfc32(a, b, c, d)
  const random: Random = {
    next,
    chance: (probability) => next() < probability,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    weighted(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights, number][]
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0)
      for (const [key, weight] of entries) {
        roll -= weight
        if (roll < 0) return key
      }
      const last = entries[entries.length - 1]
      if (!last) throw new Error('weighted() needs at least one weight')
      return last[0]
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * normal(next)),
  }
  return random
}

/** Standard normal by Box–Muller. */
function normal(next: () => number): number {
  const u = 1 - next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0
    b |= 0
    c |= 0
    d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044813)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044813)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}
