/**
 * A small seeded generator (mulberry32), so a fault test's "random" moments are reproducible:
 * the seed comes from FAULT_SEED when set, and every failure message names it.
 */
export function seedFromEnv(fallback: number): number {
  const s = Number(process.env.FAULT_SEED);
  return Number.isInteger(s) ? s : fallback;
}

export function random(seed: number): { next(): number; int(min: number, max: number): number; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** an integer in [min, max] */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => {
      const x = xs[Math.floor(next() * xs.length)];
      if (x === undefined) throw new Error('pick from an empty list');
      return x;
    },
  };
}
