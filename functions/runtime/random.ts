/**
 * mulberry32: a small, fast, seeded PRNG. Forecasts (the same snapshot gives the same forecast),
 * injected faults and benchmark data must all be reproducible, so Math.random is never used.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed per forecast subject, so adding a project does not change the others. */
export function seedFor(base: number, key: string): number {
  let hash = 2166136261 ^ base;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return hash >>> 0;
}
