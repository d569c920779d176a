// A seeded, CSPRNG-like RandomSource for the distinguishing game only: two worlds replayed with the same seed draw the
// same noise, so every difference between them is visible. SHA-256 in counter mode, unbiased by rejection.
// Production code never imports this file (a unit test checks that).
import { createHash } from 'node:crypto';
import type { RandomSource } from '../noise.js';

export function seededSource(seed: string | number): RandomSource {
  let counter = 0;
  let pool = Buffer.alloc(0);
  let offset = 0;
  const next48 = (): number => {
    if (offset + 6 > pool.length) {
      pool = createHash('sha256').update(`${seed}:${counter++}`).digest();
      offset = 0;
    }
    const v = pool.readUIntBE(offset, 6);
    offset += 6;
    return v;
  };
  const RANGE = 2 ** 48;
  return {
    int(maxExclusive: number): number {
      if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > RANGE) throw new Error('bad range');
      const limit = RANGE - (RANGE % maxExclusive);
      for (;;) {
        const v = next48();
        if (v < limit) return v % maxExclusive;
      }
    },
  };
}
