// Stateless hashing: every generated value is a pure function of (seed, index, day, salt), so any model or day can be
// built on its own and the same inputs always give the same catalog.

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixIn(h: number, x: number): number {
  return fmix(((h ^ Math.imul(x | 0, 0xcc9e2d51)) + 0x9e3779b9) | 0);
}

/** 32-bit hash of four integers (the seed keeps its high bits too). */
export function hash(seed: number, a: number, b: number, salt: number): number {
  const s = mixIn(mixIn(0x2545f491, seed), Math.floor(seed / 4294967296));
  return mixIn(mixIn(mixIn(s, a), b), salt);
}

/** Uniform in [0, 1). */
export function unit(seed: number, a: number, b: number, salt: number): number {
  return hash(seed, a, b, salt) / 4294967296;
}

/** The item a uniform draw `u` in [0, 1) lands on. */
export function pick<T>(items: readonly T[], u: number): T {
  const item = items[Math.min(items.length - 1, Math.floor(u * items.length))];
  if (item === undefined) throw new RangeError('pick() from an empty list');
  return item;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), for worlds that evolve step by step (tests, bench:history). */
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
