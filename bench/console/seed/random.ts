import { createHash } from 'node:crypto';

// A seeded generator, so two runs of the seed make the same catalog (apart from "now").

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  between(min: number, max: number): number;
  int(min: number, maxInclusive: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An exponentially distributed wait with the given mean. */
  exponential(mean: number): number;
  uuid(): string;
  hex(bytes: number): string;
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const hex = (bytes: number) => {
    let out = '';
    for (let i = 0; i < bytes; i++) out += Math.floor(next() * 256).toString(16).padStart(2, '0');
    return out;
  };
  return {
    next,
    between: (min, max) => min + next() * (max - min),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    uuid: () => {
      const h = hex(16);
      // Version 4 and the RFC 4122 variant, so the values pass zod's uuid().
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    hex,
  };
}

/** A SHA-256-looking checksum that is stable for a given text. */
export function fakeChecksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
