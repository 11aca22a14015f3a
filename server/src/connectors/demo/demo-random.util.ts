/**
 * Seeded randomness for the demo company. Every draw comes from a generator keyed by integers
 * (seed, stream, person, day, ...), so any slice of the simulation can be regenerated on its own
 * and always gives the same answer.
 */

// Builtins bound once: hot loops then skip the global lookup, which is slow in vm sandboxes such
// as jest's (every global read goes through an interceptor there).
const { exp, floor, imul, log, max, min } = Math;

/** 32-bit FNV-1a hash of a text, e.g. the `seed` option. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes integers (negative ones too) into one well-spread 32-bit key (murmur3 finaliser per step). */
export function mixKeys(...keys: number[]): number {
  let hash = 0x9e3779b9;
  for (let index = 0; index < keys.length; index++) {
    hash ^= keys[index] | 0;
    hash = imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

/** A small deterministic generator (mulberry32). */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)];
  }

  /** Log-uniform between `min` and `max` (amounts spread over orders of magnitude). */
  logBetween(min: number, max: number): number {
    return exp(this.between(log(min), log(max)));
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -log(1 - this.next()) * mean;
  }

  /** Logistic distribution: its cumulative share is the logistic ramp 1 / (1 + e^-((x - midpoint) / spread)). */
  logistic(midpoint: number, spread: number): number {
    const u = min(max(this.next(), 1e-9), 1 - 1e-9);
    return midpoint + spread * log(u / (1 - u));
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }
}

/** The generator for one slice of the simulation, e.g. `randomFor(seed, STREAM.login, person, day)`. */
export function randomFor(...keys: number[]): SeededRandom {
  return new SeededRandom(mixKeys(...keys));
}

/** Separate streams so that, e.g., adding a draw to logins does not shift opportunities. */
export const STREAM = {
  company: 1,
  traits: 2,
  login: 3,
  pipeline: 4,
  records: 5,
  training: 6,
  service: 7,
  activity: 8,
} as const;
